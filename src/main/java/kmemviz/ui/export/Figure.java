package kmemviz.ui.export;

import java.util.List;
import kmemviz.ui.view.DrawList;

/**
 * One view, captured for export: what it draws at 1x in its own pixels, no JavaFX. A view is a {@link DrawList}
 * (lines, rectangles and text), possibly over an underlay of pixels: the frame map's cells, or a view made of
 * controls. The underlay is repainted at each scale rather than scaled up; its vector form, when the view has one
 * (the frame map's blocks, the controls' rectangles and texts), is what SVG writes in its place.
 *
 * @param underlay       pixels under the drawing, repainted at a scale, or null
 * @param vectorUnderlay the underlay as rectangles and text for SVG, or null (then the view has no SVG form)
 * @param drawing        what is drawn over the underlay, in view pixels
 * @param fontScale      the text scale the view replays its drawing with (presentation mode enlarges it)
 * @param legend         the colours the figure shows, with what they mean
 */
public record Figure(ExportView view, String title, int widthPx, int heightPx, int background, int label,
                     Underlay underlay, DrawList vectorUnderlay, DrawList drawing, double fontScale, List<LegendEntry> legend) {
    /** The underlay painted at {@code scale} times the view's size. */
    @FunctionalInterface
    public interface Underlay {
        Raster paint(int scale);
    }

    public Figure {
        if (widthPx <= 0 || heightPx <= 0) throw new IllegalArgumentException(view.cliName() + " has no size yet: " + widthPx + "x" + heightPx);
        legend = List.copyOf(legend);
    }

    public boolean hasSvg() { return underlay == null || vectorUnderlay != null; }
}
