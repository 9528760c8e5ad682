package kmemviz.ui.export.fx;

import java.nio.IntBuffer;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import kmemviz.ui.export.Figure;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.Raster;
import kmemviz.ui.view.DrawListReplay;

/**
 * Draws a {@link Figure} at 1x, 2x, 3x or 4x with JavaFX, the way the view itself is built: the underlay's pixels
 * (repainted at the scale, never enlarged) in an ImageView, and the drawing replayed onto a Canvas whose
 * GraphicsContext is scaled, so lines and text are rasterised at the target resolution. At 1x this is the view's
 * own structure and drawing, so the picture equals the screen pixel for pixel. FX thread only.
 */
public final class FigureRenderer {
    private FigureRenderer() {}

    public static Raster render(Figure f, FigureLayout l, int scale) {
        assert javafx.application.Platform.isFxApplicationThread();
        int w = l.widthPx() * scale, h = l.heightPx() * scale;
        Canvas back = new Canvas(w, h);
        back.getGraphicsContext2D().setFill(colour(f.background()));
        back.getGraphicsContext2D().fillRect(0, 0, w, h);
        Group g = new Group(back);
        if (f.underlay() != null) {
            ImageView cells = new ImageView(image(f.underlay().paint(scale)));
            cells.setSmooth(false);
            cells.setX(l.viewX() * scale);
            cells.setY(l.viewY() * scale);
            g.getChildren().add(cells);
        }
        Canvas over = new Canvas(w, h);
        GraphicsContext gc = over.getGraphicsContext2D();
        gc.scale(scale, scale);
        DrawListReplay replay = new DrawListReplay();
        replay.setFontScale(f.fontScale());
        replay.replay(l.over(), gc, l.widthPx(), l.heightPx());
        g.getChildren().add(over);
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        p.setViewport(new javafx.geometry.Rectangle2D(0, 0, w, h));   // an underlay taller than a trimmed figure is cut
        return raster(g.snapshot(p, null));
    }

    /** A node as the screen would show it at {@code scale}: Prism redraws its controls and text at that scale. */
    public static Raster snapshot(Node node, int scale, int background) {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(colour(background));
        p.setTransform(Transform.scale(scale, scale));
        return raster(node.snapshot(p, null));
    }

    public static Raster raster(WritableImage img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Raster(w, h, argb);
    }

    public static WritableImage image(Raster r) {
        // Opaque pixels read the same premultiplied: such a picture (the map's cells) is wrapped, not converted.
        if (r.opaque())
            return new WritableImage(new PixelBuffer<>(r.widthPx(), r.heightPx(), IntBuffer.wrap(r.argb()), PixelFormat.getIntArgbPreInstance()));
        WritableImage img = new WritableImage(r.widthPx(), r.heightPx());
        img.getPixelWriter().setPixels(0, 0, r.widthPx(), r.heightPx(), PixelFormat.getIntArgbInstance(), r.argb(), 0, r.widthPx());
        return img;
    }

    private static Color colour(int argb) {
        return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, ((argb >>> 24) & 0xff) / 255.0);
    }
}
