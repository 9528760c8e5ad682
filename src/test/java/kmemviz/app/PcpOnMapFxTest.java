package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.LegendEntry;
import kmemviz.ui.view.ShownMemory;
import kmemviz.ui.view.ViewColour;
import kmemviz.ui.view.frames.FrameFacts;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pages on per-CPU lists on the frame map (their own colour, a legend entry, the tooltip naming the list) and the
 * physical view's exported legend, which lists them and the pageblock strip's migrate types.
 */
class PcpOnMapFxTest extends AppFxTest {
    private void run(String... lines) throws Exception {
        for (String line : lines) {
            AppFixture.fx(() -> w.runner.execute(new ScriptParser("t").parseLine(line, 1)));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.runner.busyProperty().get());
        }
        AppFixture.fx(() -> { w.animator.finish(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean listed(String text) throws Exception {
        return AppFixture.fx(() -> w.legend.getChildren().stream().filter(Label.class::isInstance).map(Label.class::cast)
                .filter(l -> l.getText().equals(text)).findFirst().orElseThrow().isVisible());
    }

    @Test
    void theBatchOnCpu0sListShowsInItsColourWithALegendEntryATooltipAndInTheExportedLegend() throws Exception {
        assertThat(listed("on a per-CPU list")).as("classroom runs with pcp=off").isFalse();
        // 64 MiB: grouping by mobility on; the first order-0 request refills CPU 0's Unmovable list with a batch.
        run("machine custom 64MiB", "a = alloc_pages(GFP_KERNEL, 0)");
        short[] lists = AppFixture.fx(() -> w.shown.pcpLists());
        int pfn = -1;
        for (int p = 0; p < lists.length && pfn < 0; p++) if (lists[p] != ShownMemory.NO_PCP) pfn = p;
        assertThat(pfn).as("a frame on a per-CPU list").isNotNegative();
        int onList = pfn;

        int pcp = AppFixture.fx(() -> Figures.colour(w.map, ViewColour.PCP));
        assertThat(AppFixture.fx(() -> w.map.paintCells(1))).contains(pcp);
        assertThat(listed("on a per-CPU list")).isTrue();
        String tip = AppFixture.fx(() -> FrameFacts.tooltip(w.kernel.memory(), onList));
        assertThat(tip).contains("owner: free").contains("on CPU 0's per-CPU list (order 0, type Unmovable) (not in the buddy lists)");
        w.shown.detach();
        try {
            assertThat(FrameFacts.shownTooltip(w.shown, onList)).contains("on CPU 0's per-CPU list (order 0, type Unmovable)");
        } finally {
            AppFixture.fx(() -> { w.shown.resetFrom(w.kernel.memory()); return null; });
        }

        Figures figures = new Figures(w);
        List<LegendEntry> legend = AppFixture.fx(() -> figures.capture(ExportView.PHYSICAL, ExportSettings.DEFAULT, "", f -> f.legend()));
        List<String> labels = legend.stream().map(LegendEntry::label).toList();
        assertThat(labels).contains("free", "on a per-CPU list", "Unmovable pageblock", "Movable pageblock");
        int movable = AppFixture.fx(() -> Figures.colour(w.pageblocks, ViewColour.MOVABLE));
        assertThat(legend).contains(new LegendEntry("Movable pageblock", movable), new LegendEntry("on a per-CPU list", pcp));
        assertThat(labels).doesNotContain("HighAtomic pageblock");
    }
}
