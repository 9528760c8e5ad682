package kmemviz.ui.export;

/**
 * Which part of a zoomable view (the physical map, the mappings) a figure shows: the whole machine, the view as
 * it is zoomed now, or one allocation (a script variable) with a margin around it. Other views show all they have.
 *
 * @param variable the script variable, for {@link Kind#ALLOCATION}; null otherwise
 */
public record ExportRegion(Kind kind, String variable) {
    public enum Kind { ALL, ZOOM, ALLOCATION }

    public static final ExportRegion ALL = new ExportRegion(Kind.ALL, null);
    public static final ExportRegion ZOOM = new ExportRegion(Kind.ZOOM, null);

    public ExportRegion {
        if ((kind == Kind.ALLOCATION) != (variable != null))
            throw new IllegalArgumentException("a variable names the allocation region, and only it");
    }

    /** {@code all}, {@code zoom}, or a script variable such as {@code v}. */
    public static ExportRegion parse(String text) {
        return switch (text) {
            case "all" -> ALL;
            case "zoom" -> ZOOM;
            default -> {
                if (!text.matches("[A-Za-z_][A-Za-z0-9_]*"))
                    throw new IllegalArgumentException("region '" + text + "' is neither all, zoom nor a script variable");
                yield new ExportRegion(Kind.ALLOCATION, text);
            }
        };
    }
}
