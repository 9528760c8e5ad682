package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.Owner;
import kmemviz.ui.control.ApiChoice;
import kmemviz.ui.view.slab.CacheTints;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class SlabUiFxTest extends AppFxTest {
    private <T> T fx(Callable<T> c) throws Exception { return AppFixture.fx(c); }

    private void choose(String function) throws Exception {
        fx(() -> {
            ApiChoice c = w.alloc.api().getItems().stream().filter(a -> a.function().equals(function)).findFirst().orElseThrow();
            w.alloc.api().setValue(c);
            return null;
        });
    }

    private void showSlabTab() throws Exception {
        fx(() -> {
            TabPane views = (TabPane) w.root.lookup("#views");
            views.getSelectionModel().select(views.getTabs().stream().filter(t -> "slab-tab".equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** kmalloc(size) through the toolbar; returns the allocation. */
    private Allocation kmalloc(FxRobot robot, String size) throws Exception {
        choose("kmalloc");
        robot.clickOn("#size").write(size);
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        String v = w.kernel.freshVariable("p");
        int n = Integer.parseInt(v.substring(1)) - 1;
        return w.kernel.memory().allocations().get(w.kernel.variables().get("p" + n).allocId());
    }

    private static void assertSameColour(Color a, int argb) {
        assertThat(a.getRed() * 255).isCloseTo((argb >> 16) & 0xff, org.assertj.core.data.Offset.offset(3.0));
        assertThat(a.getGreen() * 255).isCloseTo((argb >> 8) & 0xff, org.assertj.core.data.Offset.offset(3.0));
        assertThat(a.getBlue() * 255).isCloseTo(argb & 0xff, org.assertj.core.data.Offset.offset(3.0));
    }

    private static int argb(Color c) {
        return 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    @Test
    void kmallocOf100BytesThroughTheToolbarLandsInTheKmalloc128RowAndTintsItsPage(FxRobot robot) throws Exception {
        Allocation a = kmalloc(robot, "100");
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("p1 = kmalloc(100, GFP_KERNEL)");
        assertThat(a.cacheName()).isEqualTo("kmalloc-128");
        assertThat(a.actualBytes() - a.requestedBytes()).isEqualTo(28);
        int shade = CacheTints.shade(argb(fx(() -> w.map.ownerColourProperty(Owner.SLAB).get())), "kmalloc-128");
        int pfn = (int) (a.objectAddress() >>> 12);
        Color page = fx(() -> {
            w.map.layout();
            MapGeometry g = w.map.geometry();
            return w.map.imageView().snapshot(null, null).getPixelReader().getColor(g.cellX(pfn) + 2, (int) g.cellY(pfn) + 2);
        });
        assertSameColour(page, shade);
        showSlabTab();
        Color slot = fx(() -> {
            w.slabs.layout();
            double[] cell = w.slabs.cellOf(a.id());
            return w.slabs.canvas().snapshot(null, null).getPixelReader().getColor((int) cell[0] + 3, (int) cell[1] + 3);
        });
        assertSameColour(slot, shade);
        assertThat(fx(() -> w.slabs.describeAt(w.slabs.cellOf(a.id())[0] + 3, w.slabs.cellOf(a.id())[1] + 3)))
                .startsWith("kmalloc-128, slab at pfn 0x" + Integer.toHexString(pfn)).contains("requested 100 bytes, got 128");
    }

    @Test
    void aDoubleKfreeShowsSlubsReportAndChangesNothing(FxRobot robot) throws Exception {
        Allocation a = kmalloc(robot, "100");
        robot.clickOn("#free");                                  // kfree(p1): the selection is the new object
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("kfree(p1)");
        var history = w.kernel.history();
        long active = w.kernel.slab().allocator().cache("kmalloc-128").activeObjs();
        int allocations = w.kernel.memory().allocations().size();
        fx(() -> { w.files.runScript("again", "kfree(p1)\n"); return null; });
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.log.entries()).anyMatch(e -> e.kind() == kmemviz.ui.view.EventLogView.Kind.BUG
                && e.text().contains("BUG kmalloc-128 (Not tainted): Object already free"));
        assertThat(w.kernel.history()).isEqualTo(history);
        assertThat(w.kernel.slab().allocator().cache("kmalloc-128").activeObjs()).isEqualTo(active);
        assertThat(w.kernel.memory().allocations().size()).isEqualTo(allocations);
        assertThat(w.kernel.checkInvariants()).isEmpty();
        assertThat(w.selection.selectedPfn()).as("the report's page is selected").isEqualTo((int) (a.objectAddress() >>> 12));
    }

    @Test
    void clickingAnObjectInTheSlabViewSelectsItAndTheInspectorShowsItsCacheAndFragmentation(FxRobot robot) throws Exception {
        Allocation a = kmalloc(robot, "100");
        fx(() -> { w.selection.clear(); return null; });
        showSlabTab();
        double[] at = fx(() -> {
            w.slabs.layout();
            double[] cell = w.slabs.cellOf(a.id());
            var p = w.slabs.localToScreen(cell[0] + cell[2] / 2, cell[1] + cell[2] / 2);
            return new double[] {p.getX(), p.getY()};
        });
        robot.clickOn(at[0], at[1]);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.selection.selectedAllocId()).isEqualTo(a.id());
        assertThat(w.inspector.value("object-cache")).isEqualTo("kmalloc-128");
        assertThat(w.inspector.value("object-fragmentation")).startsWith("28 bytes (21.9%");
        assertThat(w.inspector.value("object-call")).isEqualTo("p1 = kmalloc(100, GFP_KERNEL)");
        assertThat(w.inspector.value("object-index")).isEqualTo("0 of 32");
        assertThat(w.inspector.value("slabpage-in-use")).startsWith("1 of 32 objects");
        assertThat(w.alloc.freeAction().getLongText()).contains("kfree(p1)");
    }

    @Test
    void kmemCacheAllocThroughTheNewCacheDialogAllocatesFromTheNewCacheAndFreesBack(FxRobot robot) throws Exception {
        choose("kmem_cache_alloc");
        assertThat(w.alloc.allocateAction().isDisabled()).as("no cache yet").isTrue();
        robot.clickOn("#new-cache");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#new-cache-name").eraseText(20).write("widget");
        robot.clickOn("#new-cache-size").eraseText(10).write("0");
        assertThat(robot.lookup("#new-cache-ok").queryButton().isDisabled()).isTrue();
        robot.type(KeyCode.BACK_SPACE).write("300");
        robot.clickOn("#new-cache-ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("c1 = kmem_cache_create(\"widget\", 300)");
        assertThat(w.alloc.slabInputs().cache().getValue()).isEqualTo("widget");
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        Allocation a = w.kernel.memory().allocations().get(w.kernel.variables().get("p1").allocId());
        assertThat(a.api()).isEqualTo(Api.KMEM_CACHE_ALLOC);
        assertThat(a.cacheName()).isEqualTo("widget");
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("p1 = kmem_cache_alloc(c1, GFP_KERNEL)");
        robot.clickOn("#free");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("kmem_cache_free(c1, p1)");
        assertThat(w.kernel.slab().allocator().cache("widget").activeObjs()).isZero();
    }

    @Test
    void kcallocTakesACountAndCreateTaskANameAndFreeCallsExitTask(FxRobot robot) throws Exception {
        choose("kcalloc");
        assertThat(robot.lookup("#count").queryTextInputControl().isVisible()).isTrue();
        robot.clickOn("#count").eraseText(5).write("3");
        robot.clickOn("#size").write("40");
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        Allocation a = w.kernel.memory().allocations().get(w.kernel.variables().get("p1").allocId());
        assertThat(a.cacheName()).isEqualTo("kmalloc-128");
        assertThat(a.zeroed()).isTrue();
        choose("krealloc");                                      // of the selection, which is p1
        robot.clickOn("#size").eraseText(5).write("300");
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("p2 = krealloc(p1, 300, GFP_KERNEL)");
        assertThat(w.kernel.memory().allocations().get(w.kernel.variables().get("p2").allocId()).cacheName()).isEqualTo("kmalloc-512");
        choose("create_task");
        assertThat(robot.lookup("#count").queryTextInputControl().isVisible()).isFalse();
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("t1 = create_task(\"worker\")");
        robot.clickOn("#free");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("exit_task(t1)");
    }
}
