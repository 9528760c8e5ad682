package kmemviz.ui.export.fx;

import java.nio.charset.StandardCharsets;
import kmemviz.ui.export.ExportFiles;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.Figure;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.ImageFiles;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.SvgWriter;

/** From a captured {@link Figure} to a file's bytes: shared by File > Export and {@code kmemviz export}. */
public final class FigureFiles {
    private FigureFiles() {}

    /**
     * Draws the figure now (FX thread: a PNG is rendered here) and returns what writes its bytes later, possibly on
     * a worker thread. A GIF is a range of steps, one figure a frame, which its
     * caller draws step by step (FileController, FigureExport).
     */
    public static ExportFiles.Content encode(Figure f, ExportSettings s, ExportFormat format, int scale) {
        FigureLayout layout = FigureLayout.of(f, s);
        return switch (format) {
            case PNG -> {
                Raster r = FigureRenderer.render(f, layout, scale);
                yield out -> ImageFiles.writePng(r, out);
            }
            case SVG -> {
                if (!f.hasSvg()) throw new IllegalArgumentException(f.view().title() + " has no vector form: export it as PNG");
                String svg = SvgWriter.write(layout, f.background(), f.fontScale());
                yield out -> out.write(svg.getBytes(StandardCharsets.UTF_8));
            }
            case GIF -> throw new IllegalArgumentException("a GIF is a range of steps, not one figure: draw a frame per step");
        };
    }
}
