package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import kmemviz.app.cli.KmemvizCli;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.ui.view.PcpShown;
import kmemviz.ui.view.pcp.PcpPainter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code export --view pcp}: a PNG at 1x and 2x (twice the size) and an SVG with one rectangle per block drawn, as
 * many as the core's lists hold on the CPUs that used them (a stack shows at most {@link PcpPainter#SLOTS}).
 */
@ExtendWith(ApplicationExtension.class)
class PcpExportFxTest {
    private static final String SCRIPT = """
            machine x86_64-16g
            a = alloc_pages(GFP_KERNEL, 0)
            b = alloc_pages(GFP_HIGHUSER_MOVABLE, 1)
            cpu 1
            c = alloc_pages(GFP_KERNEL, 0)
            __free_pages(a, 0)
            """;
    /** The blocks' fill in the light theme (kmemviz.css, .pcp-view -kmv-free). */
    private static final String BLOCK_FILL = "#56b4e9";
    @TempDir Path dir;

    @Test
    void pngAt1xAnd2xAndAnSvgWithOneRectanglePerBlock() throws Exception {
        Path script = Files.writeString(dir.resolve("pcp.kmv"), SCRIPT);
        Path out = dir.resolve("figures");
        StringWriter err = new StringWriter();
        for (String scale : new String[] {"1", "2"}) {
            var cl = KmemvizCli.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("export", script.toString(), "--out", out.toString(), "--view", "pcp", "--format", "png,svg",
                    "--scale", scale, "--size", "1600x1000");
            assertThat(code).as(err.toString()).isZero();
        }
        var one = ImageIO.read(out.resolve("pcp-pcp@1x.png").toFile());
        var two = ImageIO.read(out.resolve("pcp-pcp@2x.png").toFile());
        assertThat(one.getWidth()).isGreaterThan(600);
        assertThat(two.getWidth()).isEqualTo(2 * one.getWidth());
        assertThat(two.getHeight()).isEqualTo(2 * one.getHeight());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("pcp-pcp.svg").toFile());
        NodeList rects = doc.getElementsByTagName("rect");
        int blocks = 0;
        for (int i = 0; i < rects.getLength(); i++) if (BLOCK_FILL.equals(((Element) rects.item(i)).getAttribute("fill"))) blocks++;
        assertThat(blocks).as("the blocks, and the legend's swatch").isEqualTo(expectedBlocks() + 1);
        NodeList texts = doc.getElementsByTagName("text");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) words.append(texts.item(i).getTextContent()).append('\n');
        assertThat(words.toString()).contains("Zone Normal").contains("cpu: 1  count: ").contains("order 9").contains("free block on a per-CPU list");
    }

    /** What the script leaves on CPU 0's and CPU 1's lists of Normal, a stack at most SLOTS high. */
    private static int expectedBlocks() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        for (ScriptLine l : new ScriptParser("pcp.kmv").parse(SCRIPT)) k.execute(l.command());
        PcpShown shown = new PcpShown();
        shown.show(PcpShown.Snapshot.of(k.memory()), true);
        int n = 0;
        for (int z = 0; z < shown.nrZones(); z++) {
            if (!k.memory().zones().get(z).name().equals("Normal")) continue;
            PcpShown.ZoneLists lists = shown.zone(z);
            for (int cpu = 0; cpu <= 1; cpu++) for (int i = 0; i < lists.nrLists; i++) n += Math.min(lists.blocks(cpu, i), PcpPainter.SLOTS);
        }
        assertThat(n).isGreaterThan(PcpPainter.SLOTS);
        return n;
    }
}
