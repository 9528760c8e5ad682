package kmemviz.ui.export;

import java.util.Locale;

/**
 * What can be exported: one view of the window, or the whole window. Each has the name the command line takes
 * ({@code physical}, {@code buddy}, ...) and the title a figure gets.
 */
public enum ExportView {
    PHYSICAL("Physical memory", null),
    BUDDY("Buddy free areas", null),
    SLAB("Slab caches", null),
    MAPPINGS("Mappings", null),
    WALK("Page walk", null),
    TLB("TLB", null),
    PCP("Per-CPU page lists", null),
    FRAG("Fragmentation", null),
    WINDOW("The whole window", null);

    private final String title;
    private final String unavailable;

    ExportView(String title, String unavailable) {
        this.title = title;
        this.unavailable = unavailable;
    }

    /** {@code physical}: the name the command line and file names use. */
    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public String title() { return title; }

    /** Null when the view exists; otherwise why it cannot be exported yet. */
    public String unavailableReason() { return unavailable; }

    public boolean available() { return unavailable == null; }

    /** Parses a command-line name; throws with the valid names. */
    public static ExportView parse(String name) {
        for (ExportView v : values()) if (v.cliName().equals(name.toLowerCase(Locale.ROOT))) return v;
        throw new IllegalArgumentException("unknown view '" + name + "' (valid: " + names(values()) + ")");
    }

    static String names(Enum<?>[] values) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> e : values) b.append(b.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        return b.toString();
    }
}
