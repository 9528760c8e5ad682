package kmemviz.core.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kmemviz.core.mm.Gfp;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbStats;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    private final ParseProbe probe = new ParseProbe(1);

    private Command one(String line) { return probe.one(line); }

    private ScriptException error(String line) { return probe.error(line); }

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
                "expect free DMA == 240", "expect nr_free Normal 3 >= 1", "note \"Text for the audience\"",
                "tlb l1-2m 16 4", "tlb stlb 12 12", "tlb costs 1 9 30", "expect tlb flushes < 3", "expect ksize(p) <= 128"};
        for (String line : lines) {
            Command c = one(line);
            assertThat(one(c.text())).as(line).isEqualTo(c);
        }
    }

    @Test
    void operatorsCountersTlbsAndReleasesBecomeEnums() {
        Expect e = (Expect) one("expect tlb l1_hits > 4");
        assertThat(e.counter()).isEqualTo(TlbStats.Counter.L1_HITS);
        assertThat(e.op()).isEqualTo(Expect.Op.GT);
        assertThat(e.holds(5)).isTrue();
        assertThat(e.holds(4)).isFalse();
        assertThat(((Expect) one("expect pfn(p) != 0x10")).op()).isEqualTo(Expect.Op.NE);
        assertThat(((TlbCommand) one("tlb l1-1g 8 4")).structure()).isEqualTo(Tlb.Structure.L1_1G);
        assertThat(((Release) one("drop_cache(f)")).flavor()).isEqualTo(Release.Flavor.DROP_CACHE);
        assertThat(error("expect tlb misses == 1").reason())
                .isEqualTo("unknown TLB counter 'misses' (expected one of accesses, l1_hits, stlb_hits, walks, cycles_estimate, flushes)");
        assertThat(error("tlb l2 16 4").reason())
                .isEqualTo("unknown TLB 'l2' (expected flush, reset, costs or one of l1-4k, l1-2m, l1-1g, stlb)");
    }

    @Test
    void everyComparisonHoldsExactlyWhenItsCOperatorDoes() {
        for (long actual = 1; actual <= 3; actual++) {
            assertThat(Expect.Op.EQ.holds(actual, 2)).isEqualTo(actual == 2);
            assertThat(Expect.Op.NE.holds(actual, 2)).isEqualTo(actual != 2);
            assertThat(Expect.Op.LT.holds(actual, 2)).isEqualTo(actual < 2);
            assertThat(Expect.Op.LE.holds(actual, 2)).isEqualTo(actual <= 2);
            assertThat(Expect.Op.GT.holds(actual, 2)).isEqualTo(actual > 2);
            assertThat(Expect.Op.GE.holds(actual, 2)).isEqualTo(actual >= 2);
        }
        for (Expect.Op op : Expect.Op.values()) assertThat(Expect.Op.of(op.symbol())).isEqualTo(op);
    }

    @Test
    void blankAndCommentLinesAreNothing() {
        assertThat(one("   ")).isNull();
        assertThat(one("  # just a comment")).isNull();
        assertThat(new ScriptParser("demo.kmv").parse("# a\n\ncontext atomic\n")).extracting(ScriptLine::line).containsExactly(3);
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
