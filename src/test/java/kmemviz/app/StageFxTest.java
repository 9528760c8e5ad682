package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.lesson.LessonCatalogue;
import kmemviz.core.mm.Gfp;
import kmemviz.ui.control.Animator;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The stage a room reads at a projector's 1280x720: the animation zooms in on its blocks, the buddy panel fits. */
class StageFxTest extends AppFxTest {
    @Override
    void started() {
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    private static <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    private void layout() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> { w.root.applyCss(); w.root.layout(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** An order-0 page at the default speed, the animation paused on its first event. */
    private void allocateWithTheAnimationPaused() throws Exception {
        fx(() -> {
            w.animator.speedProperty().set(Animator.DEFAULT_SPEED);
            w.animator.pausedProperty().set(true);
            w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 0, ""));
            return null;
        });
        layout();
    }

    @Test
    void onAMachineOfMillionsOfFramesTheAnimationZoomsOntoItsBlocksAndBackToTheViewOfBefore() throws Exception {
        fx(() -> { w.files.boot("x86_64-8g"); return null; });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        layout();
        fx(() -> { w.map.zoomIn(); return null; });     // a view the user chose, not the fitted one
        layout();
        MapGeometry before = fx(() -> w.map.geometry());
        allocateWithTheAnimationPaused();
        assertThat(fx(() -> w.animator.playingProperty().get())).isTrue();
        MapGeometry during = fx(() -> w.map.geometry());
        int pfn = w.kernel.variables().get("p").pfn();
        assertThat(during.cellPx()).as("cells while the split plays, %s before", before.describeScale())
                .isGreaterThanOrEqualTo(2 * before.cellPx()).isGreaterThanOrEqualTo(8);
        assertThat(pfn).as("the allocated page is in the zoomed view").isBetween(during.firstPfn(), during.endPfn() - 1);
        for (int steps = 0; fx(() -> w.animator.playingProperty().get()) && steps < 200; steps++)
            fx(() -> { w.animator.step(); return null; });
        layout();
        assertThat(fx(() -> w.map.geometry())).isEqualTo(before);
    }

    @Test
    void aZoomDuringTheAnimationIsKeptAfterIt() throws Exception {
        fx(() -> { w.files.boot("x86_64-8g"); return null; });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        layout();
        allocateWithTheAnimationPaused();
        fx(() -> { w.map.zoomOut(); return null; });
        MapGeometry chosen = fx(() -> w.map.geometry());
        fx(() -> { w.animator.finish(); return null; });
        layout();
        assertThat(fx(() -> w.map.geometry())).isEqualTo(chosen);
    }

    @Test
    void inPresentationModeAtAProjectorsSizeTheFreeListsOfTheZoneThatChangedFitWithoutAScroll() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        layout();
        Node lists = fx(() -> w.root.lookup("#free-lists-Normal"));
        ScrollPane scroll = enclosingScroll(w.freeArea);
        Bounds shown = fx(() -> viewport(scroll));
        Bounds rows = fx(() -> lists.localToScene(lists.getLayoutBounds()));
        assertThat(rows.getMinY()).as("top of the lists, viewport %s", shown).isGreaterThanOrEqualTo(shown.getMinY() - 1);
        assertThat(rows.getMaxY()).as("foot of the lists, viewport %s", shown).isLessThanOrEqualTo(shown.getMaxY() + 1);
        assertThat(rows.getHeight()).as("eleven rows large enough for 16 px text").isGreaterThanOrEqualTo(11 * 25);
    }

    @Test
    void aLessonOpenedAtAStepShowsTheZoneItWorksInNotTheFirst() throws Exception {
        var lesson = LessonCatalogue.builtIn().byId("buddy-allocator").orElseThrow();
        fx(() -> { w.animator.speedProperty().set(Animator.DEFAULT_SPEED); w.themes.presentationProperty().set(true); return null; });
        fx(() -> { w.lesson.open(lesson, 10); return null; });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        fx(() -> { w.animator.finish(); return null; });
        layout();
        Node normal = fx(() -> w.root.lookup("#free-lists-Normal").getParent());
        ScrollPane scroll = enclosingScroll(w.freeArea);
        Bounds shown = fx(() -> viewport(scroll));
        Bounds pane = fx(() -> normal.localToScene(normal.getLayoutBounds()));
        assertThat(pane.getMinY()).as("Normal's pane top, viewport %s", shown).isBetween(shown.getMinY() - 1, shown.getMaxY() - 100);
    }

    @Test
    void inTheNarrowSidePanelOfPresentationModeTheInspectorPutsEachNameAboveItsValueOnOneLine() throws Exception {
        fx(() -> { w.themes.presentationProperty().set(true); return null; });
        fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        int pfn = w.kernel.variables().get("p").pfn();
        fx(() -> { w.selection.select(pfn, w.kernel.memory().frames().allocId(pfn)); return null; });
        layout();
        javafx.scene.control.Label address = fx(() -> (javafx.scene.control.Label) w.root.lookup("#frame-physical-address"));
        assertThat(fx(() -> address.getText())).isEqualTo(String.format("0x%x", (long) pfn << 12));
        double lineHeight = fx(() -> address.getFont().getSize()) * 1.6;
        assertThat(fx(() -> address.getHeight())).as("one line of %s", address.getText()).isLessThan(lineHeight);
    }

    @Test
    void aKernelReportInPresentationModeStopsAboveTheFootOfTheStageWhereTheCaptionIs() throws Exception {
        fx(() -> { w.bridge.setReportPanel(w.reports); w.themes.presentationProperty().set(true); return null; });
        fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.ATOMIC, 10, "")));
        layout();
        assertThat(fx(() -> w.reports.isVisible())).as("the failure's report is shown").isTrue();
        Bounds panel = fx(() -> w.reports.localToScene(w.reports.getLayoutBounds()));
        Bounds views = fx(() -> w.reports.getParent().localToScene(w.reports.getParent().getLayoutBounds()));
        assertThat(panel.getMaxY()).as("foot of the report, views %s", views).isLessThan(views.getMinY() + 0.6 * views.getHeight());
    }

    /** The part of {@code scroll} that shows its content, in the scene's coordinates. */
    private static Bounds viewport(ScrollPane scroll) {
        Node clip = scroll.lookup(".viewport");
        return clip.localToScene(clip.getLayoutBounds());
    }

    private static ScrollPane enclosingScroll(Node n) {
        Parent p = n.getParent();
        while (!(p instanceof ScrollPane)) p = p.getParent();
        return (ScrollPane) p;
    }
}
