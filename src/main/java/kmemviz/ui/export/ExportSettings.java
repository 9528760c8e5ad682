package kmemviz.ui.export;

/**
 * How a view is captured and drawn, whatever the format: theme, title and legend, region, and whether the hover
 * and selection outlines (which say where the mouse was, not what the kernel did) stay in.
 */
public record ExportSettings(ExportTheme theme, boolean title, boolean legend, ExportRegion region, boolean outlines) {
    public static final int MAX_SCALE = 4;

    /** What the File menu and the command line start from: light, title and legend, the view as it is, no outlines. */
    public static final ExportSettings DEFAULT = new ExportSettings(ExportTheme.LIGHT, true, true, ExportRegion.ZOOM, false);

    /** The view alone, as on screen: for copying to the clipboard and for comparing with the screen. */
    public static final ExportSettings BARE = new ExportSettings(ExportTheme.LIGHT, false, false, ExportRegion.ZOOM, true);

    public static void checkScale(int scale) {
        if (scale < 1 || scale > MAX_SCALE) throw new IllegalArgumentException("scale " + scale + " is outside 1.." + MAX_SCALE);
    }
}
