package kmemviz.ui.view.mapping;

import kmemviz.ui.view.frames.MapPalette;

/**
 * The mapping view's own colours as ARGB ints (the owner colours come from the frame map's {@link MapPalette}),
 * so that {@link MappingPainter} needs no JavaFX. The view fills it from CSS; the bench builds one directly.
 *
 * @param pageSize direct-map band colours for 4 KiB, 2/4 MiB and 1 GiB leaves
 */
public record MappingPalette(MapPalette map, int background, int strip, int gap, int label, int muted, int guard,
                             int[] pageSize, int ribbon, int highlight, int walk) {
    /** {@code argb} with its alpha replaced. */
    public static int alpha(int argb, double a) {
        return ((int) Math.round(Math.max(0, Math.min(1, a)) * 255) << 24) | (argb & 0xffffff);
    }
}
