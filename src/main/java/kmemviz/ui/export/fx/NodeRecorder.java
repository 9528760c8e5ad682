package kmemviz.ui.export.fx;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.DrawListReplay;

/**
 * The vector form of a view made of controls (the buddy free areas, the page walk): each visible Region's flat
 * background becomes a rectangle and each Text (a Label's words) a text op, at its place relative to the root. That
 * is what such a view shows; borders, gradients and effects are left out, which a figure does not miss.
 */
public final class NodeRecorder {
    private NodeRecorder() {}

    public static DrawList record(Node root) {
        DrawList out = new DrawList();
        visit(root, root, out);
        return out;
    }

    private static void visit(Node root, Node n, DrawList out) {
        if (!n.isVisible() || n.getOpacity() == 0) return;
        Bounds b = root.sceneToLocal(n.localToScene(n.getLayoutBounds()));
        if (b == null) return;
        if (n instanceof Region r && r.getBackground() != null) {
            for (BackgroundFill f : r.getBackground().getFills()) {
                if (!(f.getFill() instanceof Color c) || c.getOpacity() == 0) continue;
                var in = f.getInsets();
                double w = b.getWidth() - in.getLeft() - in.getRight(), h = b.getHeight() - in.getTop() - in.getBottom();
                if (w > 0 && h > 0) out.fillRect(b.getMinX() + in.getLeft(), b.getMinY() + in.getTop(), w, h, DrawListReplay.argb(c));
            }
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank() && t.getFill() instanceof Color c) {
            boolean bold = FontWeight.findByName(t.getFont().getStyle().split(" ")[0]) == FontWeight.BOLD
                    || t.getFont().getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold");
            out.text(t.getText(), b.getMinX(), b.getMinY(), t.getFont().getSize(), DrawList.LEFT, DrawList.TOP, bold, DrawListReplay.argb(c));
        }
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) visit(root, child, out);
    }
}
