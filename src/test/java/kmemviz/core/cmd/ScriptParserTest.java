package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kmemviz.core.mm.Gfp;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    private final ScriptParser parser = new ScriptParser("demo.kmv");

    private Command one(String line) { return parser.parseLine(line, 1); }

    private ScriptException error(String line) {
        try {
            one(line);
        } catch (ScriptException e) {
            return e;
        }
        throw new AssertionError("no error for: " + line);
    }

    @Test
    void anAllocationWithACallerLabelKeepsEveryPart() {
        AllocPages a = (AllocPages) one("p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3)   # my_driver_probe");
        assertThat(a).isEqualTo(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL | Gfp.ZERO, 3, "my_driver_probe"));
        assertThat(a.text()).isEqualTo("p = alloc_pages(GFP_KERNEL|__GFP_ZERO, 3)  # my_driver_probe");
    }

    @Test
    void everyCommandTextParsesBackToTheSameCommand() {
        String[] lines = {"machine x86_64-16g", "machine custom 4MiB dma=1MiB reserved=64KiB", "context softirq",
                "a = __get_free_pages(GFP_DMA32|__GFP_NOWARN, 2)", "z = get_zeroed_page(GFP_ATOMIC)",
                "__free_pages(p, 3)", "free_pages(a, 0)", "free_pages(0xffff888000100000, 0)",
                "t = user_process(\"fire fox\", 512MiB)", "f = page_cache(\"libc.so.6\", 2MiB)",
                "exit_process(t)", "drop_cache(f)", "expect p != NULL", "expect pfn(p) == 0x1100",
                "expect free DMA == 240", "expect nr_free Normal 3 >= 1", "note \"Text for the audience\""};
        for (String line : lines) {
            Command c = one(line);
            assertThat(one(c.text())).as(line).isEqualTo(c);
        }
    }

    @Test
    void blankAndCommentLinesAreNothing() {
        assertThat(one("   ")).isNull();
        assertThat(one("  # just a comment")).isNull();
        assertThat(parser.parse("# a\n\ncontext atomic\n")).extracting(ScriptLine::line).containsExactly(3);
    }

    @Test
    void errorsNameFileLineColumnAndWhatWasExpected() {
        assertThat(error("p = alloc_pages(GFP_KERNEL, 3").getMessage())
                .isEqualTo("demo.kmv:1:30: expected ')' to close the call");
        ScriptException flag = error("p = alloc_pages(GFP_KERNEL | __GFP_ZEROO, 3)");
        assertThat(flag.column()).isEqualTo(30);
        assertThat(flag.reason()).contains("__GFP_ZEROO").contains("__GFP_ZERO");
        assertThat(error("p = alloc_pages(GFP_KERNEL)").reason()).isEqualTo("alloc_pages() takes 2 arguments, found 1");
        assertThat(error("machine pdp11").reason()).startsWith("unknown machine 'pdp11'");
        assertThat(error("t = user_process(\"x\", 12 potatoes)").reason()).contains("potatoes");
        assertThat(error("p = alloc_pages(GFP_KERNEL, -1)").reason()).contains("order");
        assertThat(error("context nmi").column()).isEqualTo(9);
        assertThat(error("kmalloc_bogus(3)").reason()).startsWith("unknown function 'kmalloc_bogus'");
        assertThat(error("__free_pages(p, 0) extra").reason()).startsWith("unexpected 'extra'");
        assertThat(error("machine custom 4MiB dma32=1MiB highmem=1MiB").reason()).contains("exclude each other");
    }

    @Test
    void sizesAcceptBytesHexAndUnits() {
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThat(Sizes.parse("0x1000")).isEqualTo(4096);
        assertThat(Sizes.parse("4KiB")).isEqualTo(4096);
        assertThat(Sizes.parse("2MiB")).isEqualTo(2L << 20);
        assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Sizes.parse("12 potatoes")).hasMessageContaining("unknown size unit 'potatoes'");
        assertThatThrownBy(() -> Sizes.parse("-4KiB")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Sizes.parse("99999999999GiB")).hasMessageContaining("too large");
        assertThat(Sizes.format(2L << 20)).isEqualTo("2MiB");
        assertThat(Sizes.format(100)).isEqualTo("100");
    }
}
