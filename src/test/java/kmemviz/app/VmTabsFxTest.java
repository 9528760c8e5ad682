package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.vm.PageSize;
import kmemviz.ui.control.KernelJobs;
import kmemviz.ui.control.VmApiChoices;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.mapping.MappingModel;
import kmemviz.ui.view.mapping.MappingPainter;
import kmemviz.ui.view.mapping.PhysicalWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Mappings and TLB tabs in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class VmTabsFxTest {
    private Stage stage;
    private Wiring w;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        boot(Profiles.builtIn("x86_64-16g"));
    }

    private void boot(Profile profile) {
        w = new Wiring(profile);
        Scene scene = new Scene(w.root(), 1500, 950);
        w.themes.install(scene);
        stage.setScene(scene);
        stage.sizeToScene();            // TestFX reuses one stage: a size an earlier test class set must not stay
        stage.show();
        w.animator.speedProperty().set(1.0);
        w.bridge.setReportPanel(null);
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private void showTab(String id) throws Exception {
        fx(() -> {
            var views = (javafx.scene.control.TabPane) stage.getScene().lookup("#views");
            views.getSelectionModel().select(id.equals("tlb") ? w.tlbTab : w.mappingsTab);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Allocation vmallocThroughToolbar(FxRobot robot, String size) throws Exception {
        fx(() -> { w.alloc.api().setValue(VmApiChoices.ALL.get(0)); return null; });
        robot.clickOn("#size").write(size);
        robot.clickOn("#allocate");
        WaitForAsyncUtils.waitForFxEvents();
        int id = w.selection.selectedAllocId();
        return w.kernel.memory().allocations().get(id);
    }

    private int[] highlightedLines() throws Exception {
        return fx(() -> w.vm.mapping.drawList().linesOfColour(w.vm.mapping.highlightColour()));
    }

    @Test
    void aVmallocThroughTheToolbarDrawsOneLinePerPageEachEndingAtOneOfItsFrames(FxRobot robot) throws Exception {
        showTab("mappings");
        Allocation a = vmallocThroughToolbar(robot, "64KiB");
        assertThat(a).isNotNull();
        assertThat(w.kernel.history().get(w.kernel.history().size() - 1).text()).isEqualTo("p1 = vmalloc(65536)");
        int[] pages = a.pages().toArray();
        assertThat(pages).hasSize(16);
        MappingModel m = fx(() -> w.vm.mapping.model());
        assertThat(m.pfnsOf(a.id())).containsExactly(pages);
        int[] lines = highlightedLines();                         // the new allocation is selected
        assertThat(lines).hasSize(pages.length);
        DrawList d = fx(() -> w.vm.mapping.drawList());
        MappingPainter.Frame f = fx(() -> w.vm.mapping.frame());
        for (int i = 0; i < lines.length; i++) {
            double expected = f.physX(pages[i], m.nrFrames()) + 0.5 * f.framePx(m.nrFrames());
            assertThat(d.coord(lines[i], 2)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(d.coord(lines[i], 3)).isCloseTo(f.physTop() - 1, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    /** Every draw call of a list, as text: two lists draw the same when these are equal. */
    private static List<String> calls(DrawList d) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            StringBuilder b = new StringBuilder().append(d.op(i)).append(' ').append(Integer.toHexString(d.colour(i)));
            for (int k = 0; k < 8; k++) b.append(' ').append(d.coord(i, k));
            out.add(d.op(i) == DrawList.TEXT ? b.append(' ').append(d.text(i)).toString() : b.toString());
        }
        return out;
    }

    @Test
    void aVmallocThatRunsAsAJobShowsTheMappingsItsThreadDrewAsTheViewDrawsThemItself() throws Exception {
        showTab("mappings");
        DrawList before = fx(() -> w.vm.mapping.drawList());
        fx(() -> {
            w.jobs.execute(new kmemviz.core.cmd.Vmalloc("big", kmemviz.core.cmd.Vmalloc.Flavor.VMALLOC,
                    KernelJobs.LONG_VMALLOC_BYTES, kmemviz.core.mm.Gfp.KERNEL, ""), out -> {});
            return null;
        });
        AppFixture.idle(w);
        Allocation big = w.kernel.memory().allocations().get(w.kernel.variables().get("big").allocId());
        // the lines of its 4,096 pages, recorded on the job's thread, not again by the view
        DrawList fromJob = fx(() -> w.vm.mapping.drawList());
        assertThat(fromJob).isNotSameAs(before);
        assertThat(fx(() -> w.vm.mapping.model().pfnsOf(big.id()))).hasSize((int) (KernelJobs.LONG_VMALLOC_BYTES >> 12));
        List<String> drawnByJob = fx(() -> calls(fromJob));
        List<String> drawnByView = fx(() -> {
            w.vm.mapping.refresh();             // read again and painted on the FX thread
            return calls(w.vm.mapping.drawList());
        });
        assertThat(drawnByJob).isEqualTo(drawnByView);
    }

    @Test
    void selectingAVmallocAreaZoomsThePhysicalStripToTheSpanOfItsFrames(FxRobot robot) throws Exception {
        showTab("mappings");
        int n = w.kernel.memory().frames().nrFrames();
        assertThat(fx(() -> w.vm.mapping.physRange()).isWhole(n)).isTrue();
        Allocation a = vmallocThroughToolbar(robot, "256KiB");              // the new allocation is selected
        int[] pages = a.pages().toArray();
        int lo = java.util.Arrays.stream(pages).min().orElseThrow(), hi = java.util.Arrays.stream(pages).max().orElseThrow();
        PhysicalWindow r = fx(() -> w.vm.mapping.physRange());
        assertThat(r).isEqualTo(PhysicalWindow.around(lo, hi, n));
        assertThat(r.isWhole(n)).isFalse();
        for (int p : pages) assertThat(r.contains(p)).isTrue();
        MappingPainter.Frame f = fx(() -> w.vm.mapping.frame());
        assertThat(f.physRange(n)).isEqualTo(r);
        robot.clickOn("#mapping-phys-whole");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.vm.mapping.physRange()).isWhole(n)).isTrue();
        assertThat(fx(() -> w.vm.mapping.followFocusProperty().get())).isFalse();
        robot.clickOn("#mapping-phys-follow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.vm.mapping.physRange())).isEqualTo(r);
    }

    @Test
    void hoveringAnAllocationOnTheVirtualStripHighlightsItsLines(FxRobot robot) throws Exception {
        showTab("mappings");
        Allocation a = vmallocThroughToolbar(robot, "64KiB");
        fx(() -> { w.selection.clear(); return null; });
        assertThat(highlightedLines()).isEmpty();
        Point2D at = fx(() -> {
            var v = w.vm.mapping;
            MappingModel m = v.model();
            int area = m.areasOf(a.id())[0];
            double x = v.frame().screenX(v.axis().x(m.areaStart(area))) + 1;
            double y = (v.frame().stripTop() + v.frame().bandTop()) / 2;
            return v.localToScreen(x, y);
        });
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.vm.mapping.hoveredAllocProperty().get()).isEqualTo(a.id());
        assertThat(highlightedLines()).hasSize(16);
        Point2D away = fx(() -> w.vm.mapping.localToScreen(5, w.vm.mapping.getHeight() - 5));
        robot.moveTo(away);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(highlightedLines()).isEmpty();
    }

    private void walkOfDirectMapAddress(FxRobot robot, PageSize expected) throws Exception {
        showTab("mappings");
        int pfn = 0x123456;
        long va = w.kernel.vm().directMapAddress(pfn) + 0x10;
        robot.clickOn("#walk-address").write(Long.toHexString(va));
        robot.clickOn("#walk");
        WaitForAsyncUtils.waitForFxEvents();
        String result = fx(() -> w.vm.walkView.result().getText());
        assertThat(result).contains(expected.label() + " page").contains("frame pfn 0x" + Integer.toHexString(pfn));
        assertThat(w.vm.mapping.model().directMapPageSize(va)).isEqualTo(expected);
    }

    @Test
    void aPageWalkOfADirectMapAddressEndsAtItsFrameInAOneGigPage(FxRobot robot) throws Exception {
        walkOfDirectMapAddress(robot, PageSize.SIZE_1G);
        assertThat(fx(() -> w.vm.walkView.rows())).isEqualTo(3);          // PGD, P4D (folded), PUD leaf
    }

    @Test
    void withGbpagesOffTheSameWalkEndsInATwoMegPage(FxRobot robot) throws Exception {
        fx(() -> { boot(Profiles.builtIn("x86_64-16g").withGbpages(false)); return null; });
        walkOfDirectMapAddress(robot, PageSize.SIZE_2M);
    }

    @Test
    void aMalformedAddressShowsAnErrorInPlaceAndChangesNothing(FxRobot robot) throws Exception {
        showTab("mappings");
        int before = w.kernel.history().size();
        int logBefore = w.log.entries().size();
        robot.clickOn("#walk-address").write("0xffff88zz");
        robot.clickOn("#walk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.vm.walk.error().getText())).contains("not a hex address");
        assertThat(w.kernel.history()).hasSize(before);
        assertThat(w.log.entries()).hasSize(logBefore);
        assertThat(fx(() -> w.vm.walkView.rows())).isZero();
    }

    private void compare(FxRobot robot, long kmallocWalks) throws Exception {
        showTab("tlb");
        robot.clickOn("#tlb-compare-run");
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-walks-0").queryLabeled().getText()).isEqualTo(String.valueOf(kmallocWalks));
        assertThat(robot.lookup("#compare-walks-1").queryLabeled().getText()).isEqualTo("1,024");
    }

    @Test
    void oneSequentialTouchGivesTheHitRateChartAPointPerBatchOfAccesses(FxRobot robot) throws Exception {
        Allocation a = vmallocThroughToolbar(robot, "256KiB");              // 64 pages, selected
        showTab("tlb");
        assertThat(fx(() -> w.vm.tlbStats.points())).isZero();
        assertThat(fx(() -> w.vm.tlbStats.emptyLabel().isVisible())).isTrue();
        robot.clickOn("#tlb-sequential");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(a.pages().size()).isEqualTo(64);
        assertThat(fx(() -> w.vm.tlbStats.points())).isEqualTo(64 / kmemviz.ui.view.tlb.TlbShown.BATCH);
        assertThat(fx(() -> w.vm.tlbStats.emptyLabel().isVisible())).isFalse();
        var data = fx(() -> List.copyOf(w.vm.tlbStats.chart().getData().get(0).getData()));
        assertThat(data.get(data.size() - 1).getXValue().longValue()).isEqualTo(64);
        assertThat(data).allSatisfy(d -> assertThat(d.getYValue().doubleValue()).isZero());   // every vmalloc page walks
    }

    @Test
    void theComparisonShowsOneWalkForTheKmallocBufferInAOneGigPageAnd1024ForVmalloc(FxRobot robot) throws Exception {
        compare(robot, 1);
        assertThat(fx(() -> w.vm.tlbShown.walks())).isEqualTo(1024);
        assertThat(robot.lookup("#tlb-walks").queryLabeled().getText()).isEqualTo("1,024");
    }

    @Test
    void onTheFourMegClassroomMachineCompareIsNotOfferedAndSaysWhereItRuns(FxRobot robot) throws Exception {
        fx(() -> { boot(Profiles.builtIn("classroom")); return null; });
        showTab("tlb");
        int before = w.kernel.history().size();
        assertThat(robot.lookup("#tlb-compare-run").queryButton().isDisabled()).isTrue();
        fx(() -> { w.vm.tlb.compare(); return null; });                    // as --compare at launch does
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.kernel.history().size()).as("no buffer made, no kernel report").isEqualTo(before);
        assertThat(fx(() -> w.vm.tlb.message().getText())).contains("classroom has 4 MiB").contains("x86_64-16g");
    }

    @Test
    void theComparisonShowsTwoWalksForTheKmallocBufferWithTwoMegPages(FxRobot robot) throws Exception {
        fx(() -> { boot(Profiles.builtIn("x86_64-16g").withGbpages(false)); return null; });
        compare(robot, 2);
    }

    @Test
    void hoveringATlbEntryTellsItsTlbSetWayPageLruRankAndAllocation(FxRobot robot) throws Exception {
        compare(robot, 1);
        var slot = fx(() -> {
            var s = w.vm.tlbShown;
            int t = s.stlbIndex();
            for (int set = 0; set < s.geometry(t).sets(); set++)
                for (int way = 0; way < s.geometry(t).ways(); way++)
                    if (s.slotVpn(t, set, way) != kmemviz.core.vm.Tlb.EMPTY) return new kmemviz.ui.view.tlb.TlbPainter.Slot(t, set, way);
            return null;
        });
        assertThat(slot).isNotNull();
        Point2D at = fx(() -> {
            double[] c = kmemviz.ui.view.tlb.TlbPainter.cellCentre(w.vm.tlbShown, w.vm.tlbView.getWidth(), slot);
            return w.vm.tlbView.localToScreen(c[0], c[1]);
        });
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        String tip = fx(() -> w.vm.tlbView.tipText());
        long vpn = fx(() -> w.vm.tlbShown.slotVpn(slot.tlb(), slot.set(), slot.way()));
        int rank = fx(() -> w.vm.tlbShown.lruRank(slot.tlb(), slot.set(), slot.way()));
        assertThat(tip).startsWith("STLB").contains("set " + slot.set() + ", way " + slot.way())
                .contains("virtual page 0x" + Long.toHexString(vpn << 12)).contains("4k page")
                .contains("LRU rank " + rank + " of 12")
                .contains("allocation: v4m = vmalloc(4194304)");
    }

    @Test
    void aFlushEmptiesTheShownEntries(FxRobot robot) throws Exception {
        compare(robot, 1);
        int stlb = fx(() -> w.vm.tlbShown.stlbIndex());
        assertThat(fx(() -> w.vm.tlbShown.occupancy(stlb))).isPositive();
        int filledCells = fx(() -> countFilled());
        robot.clickOn("#tlb-flush");
        WaitForAsyncUtils.waitForFxEvents();
        for (int t = 0; t < fx(() -> w.vm.tlbShown.nrStructures()); t++) {
            int tt = t;
            assertThat(fx(() -> w.vm.tlbShown.occupancy(tt))).isZero();
        }
        assertThat(fx(() -> countFilled())).isLessThan(filledCells).isZero();
    }

    /** Cells drawn in a colour other than the empty-slot colour. */
    private int countFilled() {
        DrawList d = w.vm.tlbView.drawList();
        int empty = -1, n = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.op(i) != DrawList.FILL_RECT || d.coord(i, 2) > 40) continue;
            if (empty == -1) empty = d.colour(i);
            if (d.colour(i) != empty) n++;
        }
        return n;
    }
}
