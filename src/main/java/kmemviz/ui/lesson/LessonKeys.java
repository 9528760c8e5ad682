package kmemviz.ui.lesson;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * The keys a presenter's clicker sends, while a script is open: Right or Page Down next, Left or Page Up previous,
 * Space play or pause, Home restart, B blank the stage. A field being typed in keeps its keys.
 */
public final class LessonKeys {
    private LessonKeys() {}

    /** Filters key presses under {@code root} (before any control sees them) into the controller's intents. */
    public static void install(Node root, LessonController lesson) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!lesson.isOpen() || e.isShortcutDown() || e.isAltDown() || typing(root)) return;
            switch (e.getCode()) {
                case RIGHT, PAGE_DOWN -> lesson.next();
                case LEFT, PAGE_UP -> lesson.previous();
                case SPACE -> lesson.togglePlay();
                case HOME -> lesson.restart();
                case B -> lesson.toggleBlank();
                default -> { return; }
            }
            e.consume();
        });
    }

    private static boolean typing(Node root) {
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        for (Node n = focus; n != null; n = n.getParent())
            if (n instanceof TextInputControl) return true;   // also the editor of an editable combo box or spinner
        return false;
    }
}
