package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import kmemviz.core.cmd.AllocPages;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpBit;
import kmemviz.core.mm.Owner;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private KmemvizApp app;
    private Wiring w;

    @Start
    void start(Stage stage) {
        app = new KmemvizApp();
        app.start(stage);
        w = app.wiring();
        w.animator.speedProperty().set(1.0);      // instant: the views follow the core at once
        w.bridge.setReportPanel(null);
    }

    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    private Color pixelAtFrame(int pfn) throws Exception {
        return fx(() -> {
            w.map.layout();
            MapGeometry g = w.map.geometry();
            int x = g.cellX(pfn) + g.cellPx() / 2, y = (int) g.cellY(pfn) + g.cellPx() / 2;
            return w.map.imageView().snapshot(null, null).getPixelReader().getColor(x, y);
        });
    }

    private static void assertSameColour(Color a, Color b) {
        assertThat(a.getRed()).isCloseTo(b.getRed(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(a.getGreen()).isCloseTo(b.getGreen(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(a.getBlue()).isCloseTo(b.getBlue(), org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void allocatingThroughTheToolbarPaintsTheFramesUpdatesTheBuddyPanelAndLogsTheCall(FxRobot robot) throws Exception {
        robot.clickOn("#order").eraseText(1).write("2").type(KeyCode.TAB);
        String normalOrder2Before = fx(() -> w.freeArea.figure("Normal", 2));
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        var cmd = w.kernel.history().get(w.kernel.history().size() - 1);
        assertThat(cmd).isEqualTo(new AllocPages("p1", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 2, ""));
        int pfn = w.kernel.variables().get("p1").pfn();
        assertSameColour(pixelAtFrame(pfn), fx(() -> w.map.ownerColourProperty(Owner.PAGES).get()));
        assertSameColour(pixelAtFrame(pfn + 3), fx(() -> w.map.ownerColourProperty(Owner.PAGES).get()));
        var zone = w.kernel.memory().zoneOf(pfn);
        for (int o = 0; o < 11; o++) {
            int order = o;
            assertThat(fx(() -> w.freeArea.figure(zone.name(), order))).isEqualTo(String.valueOf(zone.nrFree(o)));
        }
        assertThat(normalOrder2Before).isNotNull();
        assertThat(w.log.entries()).anyMatch(e -> e.text().equals("p1 = alloc_pages(GFP_KERNEL, 2)"));
    }

    @Test
    void undoAndRedoWorkFromTheMenuAndTheShortcuts(FxRobot robot) throws Exception {
        robot.clickOn("#allocate");
        assertThat(w.kernel.memory().allocations().size()).isEqualTo(1);
        fireMenuItem("Edit", "Undo p1 = alloc_pages(GFP_KERNEL, 0)");
        assertThat(w.kernel.memory().allocations().size()).isZero();
        int pfnFree = 0x120;
        assertThat(w.kernel.memory().frames().owner(pfnFree)).isEqualTo(Owner.FREE);
        fireMenuItem("Edit", "Redo p1 = alloc_pages(GFP_KERNEL, 0)");
        assertThat(w.kernel.memory().allocations().size()).isEqualTo(1);
        int pfn = w.kernel.variables().get("p1").pfn();
        assertSameColour(pixelAtFrame(pfn), fx(() -> w.map.ownerColourProperty(Owner.PAGES).get()));
        fx(() -> { w.map.requestFocus(); return null; });      // a focused text field keeps Ctrl+Z for its own undo
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.memory().allocations().size()).isZero();
        assertSameColour(pixelAtFrame(pfn), fx(() -> w.map.ownerColourProperty(Owner.FREE).get()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.memory().allocations().size()).isEqualTo(1);
    }

    /** Fires the menu item with this text, as a click on it would (popups are unreliable under headless Monocle). */
    private void fireMenuItem(String menu, String text) throws Exception {
        fx(() -> {
            var bar = (javafx.scene.control.MenuBar) w.root.lookup("#menu-bar");
            var item = bar.getMenus().stream().filter(m -> m.getText().equals(menu)).findFirst().orElseThrow()
                    .getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
            assertThat(item.isDisable()).isFalse();
            item.fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void togglingAGfpBitChangesTheShownMask(FxRobot robot) throws Exception {
        Label mask = robot.lookup("#gfp-mask").queryAs(Label.class);
        assertThat(mask.getText()).startsWith("GFP_KERNEL").contains("0xcc0");
        GfpBit zero = Gfp.byName("__GFP_ZERO").orElseThrow();
        fx(() -> { w.gfp.bits().getCheckModel().check(zero); return null; });
        assertThat(mask.getText()).contains("GFP_KERNEL|__GFP_ZERO").contains(String.format("0x%x", Gfp.KERNEL | Gfp.ZERO));
        assertThat(w.gfp.mask()).isEqualTo(Gfp.KERNEL | Gfp.ZERO);
        fx(() -> { w.gfp.bits().getCheckModel().check(Gfp.byName("__GFP_DMA32").orElseThrow());
                   w.gfp.bits().getCheckModel().check(Gfp.byName("__GFP_DMA").orElseThrow()); return null; });
        assertThat(w.alloc.allocateAction().isDisabled()).isTrue();
        assertThat(w.alloc.allocateAction().getLongText()).contains("not a valid zone combination");
    }

    @Test
    void aBadSizeShowsAnErrorDisablesAllocateAndLeavesTheModelAlone(FxRobot robot) throws Exception {
        int before = w.kernel.history().size();
        robot.clickOn("#size").write("12 potatoes");
        WaitForAsyncUtils.waitForFxEvents();
        Label hint = robot.lookup("#size-hint").queryAs(Label.class);
        assertThat(hint.getText()).contains("unknown size unit");
        Button allocate = robot.lookup("#allocate").queryAs(Button.class);
        assertThat(allocate.isDisabled()).isTrue();
        assertThat(allocate.getTooltip().getText()).contains("12 potatoes");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history()).hasSize(before);
        fx(() -> { w.alloc.size().setText("24KiB"); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hint.getText()).contains("order 3");
        assertThat(allocate.isDisabled()).isFalse();
    }

    @Test
    void anOrderAboveTenIsRefusedWithTheReason(FxRobot robot) throws Exception {
        robot.clickOn("#order").eraseText(1).write("11");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.alloc.allocateAction().isDisabled()).isTrue();
        assertThat(robot.lookup("#size-hint").queryAs(Label.class).getText()).contains("MAX_PAGE_ORDER");
    }

    @Test
    void clickingACellSelectsItAndFillsTheInspector(FxRobot robot) throws Exception {
        robot.clickOn("#allocate");
        int pfn = w.kernel.variables().get("p1").pfn();
        fx(() -> { w.selection.clear(); return null; });
        double[] at = fx(() -> {
            MapGeometry g = w.map.geometry();
            var p = w.map.localToScreen(g.cellX(pfn) + g.cellPx() / 2.0, g.cellY(pfn) + g.cellPx() / 2.0);
            return new double[] {p.getX(), p.getY()};
        });
        robot.clickOn(at[0], at[1]);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.selection.selectedPfn()).isEqualTo(pfn);
        assertThat(w.inspector.value("frame-pfn")).startsWith(String.format("0x%x", pfn));
        assertThat(w.inspector.value("alloc-call")).isEqualTo("p1 = alloc_pages(GFP_KERNEL, 0)");
        assertThat(w.inspector.value("gfp-__GFP_DIRECT_RECLAIM")).isNotBlank();
        assertThat(w.alloc.freeAction().isDisabled()).isFalse();
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.memory().allocations().size()).isZero();
    }
}
