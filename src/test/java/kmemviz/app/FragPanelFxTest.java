package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javafx.scene.control.TabPane;
import javax.xml.parsers.DocumentBuilderFactory;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.report.ExtfragReport;
import kmemviz.ui.export.ExportFormat;
import kmemviz.ui.export.ExportRegion;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportTheme;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.FigureLayout;
import kmemviz.ui.export.Raster;
import kmemviz.ui.export.fx.FigureFiles;
import kmemviz.ui.export.fx.FigureRenderer;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Fragmentation tab on a fragmented machine: its figures are debugfs's, Compact zone changes them to debugfs's
 * after the run and shows the run's result, and Ctrl+E / export take the panel as PNG and SVG.
 */
class FragPanelFxTest extends AppFxTest {
    @Override
    void started() {
        StringBuilder sb = new StringBuilder("machine custom 16MiB dma=1MiB pcp=off\n");
        for (int i = 0; i < 116; i++) sb.append("a").append(i).append(" = user_process(\"a\", 64KiB)\nb").append(i)
                .append(" = user_process(\"b\", 64KiB)\n");
        for (int i = 0; i < 116; i++) sb.append("exit_process(a").append(i).append(")\n");
        // as File > Open script runs it: one background job, the views detached until it hands the kernel back
        var commands = new ScriptParser("frag.kmv").parse(sb.toString()).stream().map(ScriptLine::command).toList();
        w.jobs.run("script", p -> { kmemviz.ui.control.KernelJobs.runAll(w.kernel, commands, p); return null; }, null);
        ((TabPane) w.root.lookup("#views")).getSelectionModel().select(w.fragTab);
    }

    private void waitForTheScript() throws Exception {
        AppFixture.idle(w);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Normal's figures as the panel shows them, unusable then extfrag, each list as debugfs prints it (space-separated). */
    private String[] shown() throws Exception {
        waitForTheScript();
        return AppFixture.fx(() -> {
            w.frag.zoneChooser().setValue("Normal");
            StringBuilder u = new StringBuilder(), e = new StringBuilder();
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                String[] f = w.frag.figures(o);
                u.append(f[0]).append(' ');
                e.append(f[1]).append(' ');
            }
            return new String[] {u.toString(), e.toString()};
        });
    }

    private String[] debugfs() throws Exception {
        return AppFixture.fx(() -> new String[] {line(ExtfragReport.unusableIndex(w.kernel.memory())),
                line(ExtfragReport.extfragIndex(w.kernel.memory()))});
    }

    private static String line(String file) {
        for (String l : file.split("\n")) if (l.startsWith("Node 0, zone   Normal ")) return l.substring("Node 0, zone   Normal ".length());
        throw new AssertionError(file);
    }

    @Test
    void compactZoneUpdatesTheFiguresToDebugfsAndShowsTheResult(FxRobot robot) throws Exception {
        String[] before = shown();
        assertThat(before).containsExactly(debugfs());
        assertThat(AppFixture.fx(() -> w.frag.drawList().indexOfText("Compaction"))).isNotNegative();

        robot.clickOn("#compact-zone");
        WaitForAsyncUtils.waitForFxEvents();

        String[] after = shown();
        assertThat(after).containsExactly(debugfs());
        assertThat(after[1]).isNotEqualTo(before[1]);
        var d = AppFixture.fx(() -> w.frag.drawList());
        boolean result = false;
        for (int i = 0; i < d.size(); i++)
            if (d.op(i) == kmemviz.ui.view.DrawList.TEXT && d.text(i).startsWith("compact_zone(Normal, compact_memory) ended: COMPACT_")) result = true;
        assertThat(result).isTrue();
        assertThat(AppFixture.fx(() -> w.kernel.history().get(w.kernel.history().size() - 1).text())).isEqualTo("compact zone Normal");
        long moved = AppFixture.fx(() -> w.kernel.memory().compaction().stats().pgmigrateSuccess());
        assertThat(moved).isPositive();
        assertThat(AppFixture.fx(() -> w.frag.drawList().indexOfText(String.valueOf(moved)))).as("pgmigrate_success shown").isNotNegative();
    }

    @Test
    void whileTheRunPlaysStepByStepThePanelShowsTheScannersBetweenTheZonesEnds(FxRobot robot) throws Exception {
        waitForTheScript();
        AppFixture.fx(() -> {
            w.animator.speedProperty().set(kmemviz.ui.control.Animator.DEFAULT_SPEED);
            w.animator.pausedProperty().set(true);
            w.frag.zoneChooser().setValue("Normal");
            return null;
        });
        robot.clickOn("#compact-zone");
        WaitForAsyncUtils.waitForFxEvents();
        String status = null;
        for (int k = 0; k < 40; k++) {
            AppFixture.fx(() -> { w.animator.step(); return null; });
            WaitForAsyncUtils.waitForFxEvents();
            status = AppFixture.fx(() -> {
                var d = w.frag.drawList();
                for (int i = 0; i < d.size(); i++) if (d.op(i) == kmemviz.ui.view.DrawList.TEXT && d.text(i).startsWith("compact_zone(")) return d.text(i);
                return null;
            });
            if (status != null && status.contains("pages moved") && !status.contains(" 0 pages moved")) break;
        }
        assertThat(status).startsWith("compact_zone(Normal, compact_memory): migration scanner 0x").doesNotContain("ended");
        var c = AppFixture.fx(() -> w.shown.compaction());
        assertThat(c.migratePfn()).isLessThan(c.freePfn());
        assertThat(c.running()).isTrue();
        if (System.getProperty("kmemviz.fragShot") != null) {     // a picture of the run half-way, to look at
            Raster r = AppFixture.fx(() -> FigureRenderer.snapshot(w.frag, 1, 0xffffffff));
            try (var out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of(System.getProperty("kmemviz.fragShot")))) {
                kmemviz.ui.export.ImageFiles.writePng(r, out);
            }
        }
        AppFixture.fx(() -> { w.animator.pausedProperty().set(false); w.animator.finish(); return null; });
    }

    @Test
    void theExportedPanelIsItsDrawingAtTheScaleAndItsSvgHoldsTheFigures() throws Exception {
        waitForTheScript();
        Figures figures = AppFixture.fx(() -> new Figures(w));
        assertThat(AppFixture.fx(figures::showing)).isEqualTo(ExportView.FRAG);
        ExportSettings s = new ExportSettings(ExportTheme.LIGHT, true, true, ExportRegion.ZOOM, false);
        Raster one = AppFixture.fx(() -> figures.capture(ExportView.FRAG, s, "", f -> FigureRenderer.render(f, FigureLayout.of(f, s), 1)));
        Raster two = AppFixture.fx(() -> figures.capture(ExportView.FRAG, s, "", f -> FigureRenderer.render(f, FigureLayout.of(f, s), 2)));
        assertThat(two.widthPx()).isEqualTo(2 * one.widthPx());
        assertThat(two.heightPx()).isEqualTo(2 * one.heightPx());
        double[] diff = ExportFxTest.difference(one, ExportFxTest.downscale(two));
        assertThat(diff[0]).as("mean channel difference of the downscaled 2x").isLessThan(4.0);
        String svg = AppFixture.fx(() -> figures.capture(ExportView.FRAG, s, "", f -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                FigureFiles.encode(f, s, ExportFormat.SVG, 1).writeTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList texts = doc.getElementsByTagName("text");
        java.util.Set<String> words = new java.util.HashSet<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent());
        assertThat(words).as("chart title").contains("External fragmentation index (extfrag/extfrag_index)");
        assertThat(words).as("threshold").contains("500");
        for (String f : debugfs()[1].trim().split(" +")) assertThat(words).as("extfrag figure " + f).contains(f);
    }
}
