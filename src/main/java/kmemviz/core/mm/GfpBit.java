package kmemviz.core.mm;

/**
 * One named GFP flag or composite, as the kernel spells it, with a one-line explanation for students
 * (used as a tooltip and by {@code kmemviz gfp}).
 *
 * @param name    the C name, such as {@code __GFP_ZERO} or {@code GFP_KERNEL}
 * @param mask    its value in the 6.12 x86_64 layout ({@link Gfp})
 * @param group   the section of include/linux/gfp_types.h that documents it
 * @param meaning one line of plain English
 */
public record GfpBit(String name, int mask, Group group, String meaning) {

    /** The sections of include/linux/gfp_types.h; COMPOSITE is its "useful GFP flag combinations". */
    public enum Group { ZONE_MODIFIER, MOBILITY, WATERMARK, RECLAIM, ACTION, COMPOSITE }

    public GfpBit {
        if (name == null || !name.matches("_{0,2}GFP_[A-Z0-9_]+")) {
            throw new IllegalArgumentException("not a GFP flag name: " + name);
        }
        if (mask == 0) {
            throw new IllegalArgumentException(name + ": mask must not be 0");
        }
        if (group == null) {
            throw new IllegalArgumentException(name + ": group must not be null");
        }
        if (meaning == null || meaning.isBlank() || meaning.contains("\n")) {
            throw new IllegalArgumentException(name + ": meaning must be one non-blank line");
        }
    }
}
