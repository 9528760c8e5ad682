package kmemviz.ui.export.fx;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;

/**
 * The vector form of what a tree of nodes shows (the buddy free areas, the page walk, the whole window): each
 * visible Region's flat background becomes a rectangle and each Text (a Label's words) a text op, at its place
 * relative to the root. A view that paints a Canvas or pixels hands over its own draw lists instead, placed where
 * the view sits. Borders, gradients, effects and icon glyphs are left out, which a figure does not miss.
 *
 * <p>What a scroll pane or a list hides stays hidden: the clips on the way down (a ScrollPane's viewport, a
 * ListView's flow) narrow a clip rectangle, a background is cut to it, and a text outside it is dropped.
 */
public final class NodeRecorder {
    private NodeRecorder() {}

    /** A tree of controls alone. */
    public static DrawList record(Node root) { return record(root, n -> null); }

    /**
     * @param drawingOf a view's own draw lists, in its local pixels and in painting order, for a node that paints
     *                  them (the node's children are then not visited); null for a node recorded as controls
     */
    public static DrawList record(Node root, Function<Node, List<DrawList>> drawingOf) {
        DrawList out = new DrawList();
        visit(root, root, drawingOf, root.getLayoutBounds(), out);
        return out;
    }

    private static void visit(Node root, Node n, Function<Node, List<DrawList>> drawingOf, Bounds clip, DrawList out) {
        if (!n.isVisible() || n.getOpacity() == 0) return;
        // A parent's children may lie outside its own box (a ScrollPane's content), so what it covers decides.
        Bounds covered = root.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        if (covered == null || !covered.intersects(clip)) return;
        Bounds b = root.sceneToLocal(n.localToScene(n.getLayoutBounds()));
        if (n.getClip() != null) {
            // A clip is in its node's own coordinates.
            clip = intersection(clip, root.sceneToLocal(n.localToScene(n.getClip().getBoundsInParent())));
            if (clip == null) return;
        }
        List<DrawList> own = drawingOf.apply(n);
        if (own != null) {
            Point2D at = root.sceneToLocal(n.localToScene(0, 0));
            for (DrawList d : own)           // what a scroll pane hides of the view stays out
                for (int i = 0; i < d.size(); i++) {
                    double[] box = FigureLayout.box(d, i);
                    if (clip.intersects(box[0] + at.getX(), box[1] + at.getY(), box[2] - box[0], box[3] - box[1]))
                        FigureLayout.copy(d, i, at.getX(), at.getY(), out);
                }
            return;
        }
        if (n instanceof Region r && r.getBackground() != null) {
            for (BackgroundFill f : r.getBackground().getFills()) {
                if (!(f.getFill() instanceof Color c) || c.getOpacity() == 0) continue;
                var in = f.getInsets();
                Bounds fill = intersection(clip, new BoundingBox(b.getMinX() + in.getLeft(), b.getMinY() + in.getTop(),
                        b.getWidth() - in.getLeft() - in.getRight(), b.getHeight() - in.getTop() - in.getBottom()));
                if (fill != null) out.fillRect(fill.getMinX(), fill.getMinY(), fill.getWidth(), fill.getHeight(), DrawListReplay.argb(c));
            }
        }
        if (n instanceof Text t && isWords(t.getText()) && t.getFill() instanceof Color c
                && clip.contains(b.getMinX(), b.getMinY()) && b.getMaxY() <= clip.getMaxY() + 1) {
            boolean bold = FontWeight.findByName(t.getFont().getStyle().split(" ")[0]) == FontWeight.BOLD
                    || t.getFont().getStyle().toLowerCase(Locale.ROOT).contains("bold");
            out.text(t.getText(), b.getMinX(), b.getMinY(), t.getFont().getSize(), DrawList.LEFT, DrawList.TOP, bold, DrawListReplay.argb(c));
        }
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) visit(root, child, drawingOf, clip, out);
    }

    /** Icon fonts (Ikonli's Feather) put their glyphs in the Private Use Area, which no SVG reader's font has. */
    private static boolean isWords(String s) {
        return s != null && !s.isBlank() && s.codePoints().noneMatch(c -> Character.getType(c) == Character.PRIVATE_USE);
    }

    private static Bounds intersection(Bounds a, Bounds b) {
        double x0 = Math.max(a.getMinX(), b.getMinX()), y0 = Math.max(a.getMinY(), b.getMinY());
        double x1 = Math.min(a.getMaxX(), b.getMaxX()), y1 = Math.min(a.getMaxY(), b.getMaxY());
        return x1 > x0 && y1 > y0 ? new BoundingBox(x0, y0, x1 - x0, y1 - y0) : null;
    }
}
