package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every tab, selected once in a fresh window, shows its view: a hidden tab's content joins the scene only when the tab
 * is first selected (so that the first frame styles and lays out the shown tab alone), and must then be laid out,
 * styled and showing as if it had been there from the start.
 */
class EveryTabFxTest extends AppFxTest {
    @Override
    void started() {
        stage.setWidth(1600);
        stage.setHeight(1000);
    }

    @Test
    void eachTabShowsItsViewWhenFirstSelected() throws Exception {
        Map<Tab, Node> views = Map.of(w.physicalTab, w.map, w.pcpTab, w.pcp, w.mappingsTab, w.vm.mapping,
                w.tlbTab, w.vm.tlbView, w.slabTab, w.slabs, w.fragTab, w.frag);
        TabPane pane = (TabPane) w.root.lookup("#views");
        assertThat(pane.getTabs()).containsExactly(w.physicalTab, w.pcpTab, w.mappingsTab, w.tlbTab, w.slabTab, w.fragTab);
        for (Tab tab : pane.getTabs()) {
            fx(() -> { pane.getSelectionModel().select(tab); return null; });
            WaitForAsyncUtils.waitForFxEvents();
            fx(() -> {
                Node view = views.get(tab);
                assertThat(tab.getContent()).as(tab.getText()).isNotNull();
                assertThat(tab.getContent().getScene()).as("%s: its content is in the window", tab.getText()).isSameAs(w.root.getScene());
                assertThat(isAncestor(tab.getContent(), view)).as("%s: its view is in its content", tab.getText()).isTrue();
                for (Node n = view; n != null; n = n.getParent()) assertThat(n.isVisible()).as("%s: %s is visible", tab.getText(), n).isTrue();
                assertThat(view.getLayoutBounds().getWidth()).as("%s: its view is laid out", tab.getText()).isGreaterThan(100);
                assertThat(view.getLayoutBounds().getHeight()).as("%s: its view is laid out", tab.getText()).isGreaterThan(100);
                assertThat(controls(tab.getContent())).as("%s: its controls are styled", tab.getText())
                        .isNotEmpty().allMatch(c -> c.getSkin() != null);
                return null;
            });
        }
    }

    private static boolean isAncestor(Node ancestor, Node n) {
        for (; n != null; n = n.getParent()) if (n == ancestor) return true;
        return false;
    }

    private static List<Control> controls(Node root) {
        List<Control> found = new ArrayList<>();
        if (root instanceof Control c) found.add(c);
        if (root instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) found.addAll(controls(child));
        return found;
    }
}
