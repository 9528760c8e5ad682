package kmemviz.core.mm;

import java.util.Set;

/**
 * One named GFP flag or composite, as the kernel spells it, with a one-line explanation for students
 * (used as a tooltip and by {@code kmemviz gfp}).
 *
 * @param name    the C name, such as {@code __GFP_ZERO} or {@code GFP_KERNEL}
 * @param mask    its value in the 6.12 x86_64 layout ({@link Gfp})
 * @param group   the section of include/linux/gfp_types.h that documents it: {@value #ZONE_MODIFIER},
 *                {@value #MOBILITY}, {@value #WATERMARK}, {@value #RECLAIM}, {@value #ACTION}, or
 *                {@value #COMPOSITE} for the "useful combinations"
 * @param meaning one line of plain English
 */
public record GfpBit(String name, int mask, String group, String meaning) {

    public static final String ZONE_MODIFIER = "zone modifier";
    public static final String MOBILITY = "mobility";
    public static final String WATERMARK = "watermark";
    public static final String RECLAIM = "reclaim";
    public static final String ACTION = "action";
    public static final String COMPOSITE = "composite";

    private static final Set<String> GROUPS = Set.of(ZONE_MODIFIER, MOBILITY, WATERMARK, RECLAIM, ACTION, COMPOSITE);

    public GfpBit {
        if (name == null || !name.matches("_{0,2}GFP_[A-Z0-9_]+")) {
            throw new IllegalArgumentException("not a GFP flag name: " + name);
        }
        if (mask == 0) {
            throw new IllegalArgumentException(name + ": mask must not be 0");
        }
        if (!GROUPS.contains(group)) {
            throw new IllegalArgumentException(name + ": unknown group '" + group + "', expected one of " + GROUPS);
        }
        if (meaning == null || meaning.isBlank() || meaning.contains("\n")) {
            throw new IllegalArgumentException(name + ": meaning must be one non-blank line");
        }
    }
}
