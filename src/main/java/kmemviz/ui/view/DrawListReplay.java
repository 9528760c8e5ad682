package kmemviz.ui.view;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Plays a {@link DrawList} onto a Canvas, caching the few colours and fonts it uses. FX thread only. */
public final class DrawListReplay {
    private final Map<Integer, Color> colours = new HashMap<>();
    private final Map<Double, Font> fonts = new HashMap<>(), boldFonts = new HashMap<>();
    private double fontScale = 1;

    /** Presentation mode scales text up. */
    public void setFontScale(double s) {
        if (s != fontScale) { fonts.clear(); boldFonts.clear(); }
        fontScale = s;
    }

    public void replay(DrawList d, GraphicsContext gc, double width, double height) {
        gc.clearRect(0, 0, width, height);                  // drops older commands queued for this pulse
        for (int i = 0; i < d.size(); i++) {
            Color c = colour(d.colour(i));
            switch (d.op(i)) {
                case DrawList.FILL_RECT -> { gc.setFill(c); gc.fillRect(d.coord(i, 0), d.coord(i, 1), d.coord(i, 2), d.coord(i, 3)); }
                case DrawList.STROKE_RECT -> {
                    gc.setStroke(c);
                    gc.setLineWidth(d.coord(i, 4));
                    gc.strokeRect(d.coord(i, 0), d.coord(i, 1), d.coord(i, 2), d.coord(i, 3));
                }
                case DrawList.LINE -> {
                    gc.setStroke(c);
                    gc.setLineWidth(d.coord(i, 4));
                    gc.strokeLine(d.coord(i, 0), d.coord(i, 1), d.coord(i, 2), d.coord(i, 3));
                }
                case DrawList.QUAD -> {
                    gc.setFill(c);
                    double y0 = d.coord(i, 2), y1 = d.coord(i, 5);
                    gc.fillPolygon(new double[] {d.coord(i, 0), d.coord(i, 1), d.coord(i, 4), d.coord(i, 3)},
                            new double[] {y0, y0, y1, y1}, 4);
                }
                case DrawList.TEXT -> {
                    gc.setFill(c);
                    gc.setFont(font(d.coord(i, 2), d.bold(i)));
                    gc.setTextBaseline((int) d.coord(i, 5) == DrawList.MIDDLE ? VPos.CENTER : VPos.TOP);
                    int align = (int) d.coord(i, 3);
                    gc.setTextAlign(align == DrawList.CENTER ? TextAlignment.CENTER : align == DrawList.RIGHT ? TextAlignment.RIGHT : TextAlignment.LEFT);
                    gc.fillText(d.text(i), d.coord(i, 0), d.coord(i, 1));
                }
                default -> throw new IllegalStateException("unknown op " + d.op(i));
            }
        }
    }

    private Color colour(int argb) {
        return colours.computeIfAbsent(argb, v -> Color.rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, ((v >>> 24) & 0xff) / 255.0));
    }

    private Font font(double size, boolean bold) {
        return bold ? boldFonts.computeIfAbsent(size, s -> Font.font(null, FontWeight.BOLD, s * fontScale))
                : fonts.computeIfAbsent(size, s -> Font.font(s * fontScale));
    }

    public static int argb(Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}
