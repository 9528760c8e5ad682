package kmemviz.core.klog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmemviz.core.cmd.FromLog;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpParser;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/**
 * Whole reports published by others, explained: each test asserts figures read off the report itself (kB / 4 for
 * pages; the check __zone_watermark_ok() makes, free - unusable > min + lowmem_reserve). Sources and licences are in
 * src/test/resources/klog/README.md: a 6.9 PowerPC HighMem kernel's GFP_KERNEL failure (linux-mm, 2024), a 4.14 and a
 * 4.19 arm64 Android failure (Jaewon Kim's patch mail, LKML 2020, the message of commit f27ce0e14088), and a 5.4
 * arm64 OOM report with CMA (a blog post of 2024).
 */
class PublishedReportsTest {
    private static final Path DIR = Path.of("src/test/resources/klog");

    private record Explained(FromLog log, AllocStory story, List<LogExplanation.Check> checks, String text) {
        ReportMachine.Result result() { return log.result(); }

        AllocationReport report() { return log.result().report(); }

        ImportedZone zone(ZoneType t) { return result().zones().stream().filter(z -> z.type() == t).findFirst().orElseThrow(); }

        LogExplanation.Check check(ZoneType t) { return checks.stream().filter(c -> c.zone() == t).findFirst().orElseThrow(); }
    }

    private static Explained explain(String file) {
        return explain(FromLog.read(DIR.resolve(file)));
    }

    private static Explained explain(FromLog log) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        k.execute(log.machine());
        AllocStories stories = k.explainAllocations();
        k.execute(log.request());
        AllocStory story = stories.latest();
        return new Explained(log, story, LogExplanation.checks(story), LogExplanation.render(log.result(), story));
    }

    /** The 1-based line of the file that holds {@code text}. */
    private static int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void aPowerPcHighMemKernelsGfpKernelFailureIsShortOfDmasMinBy2789Pages() throws IOException {
        String file = "ppc32-6.9-kswapd0-gfp-kernel.txt";
        Explained e = explain(file);
        AllocationReport report = e.report();
        assertThat(report.task()).isEqualTo("kswapd0");
        assertThat(report.release()).isEqualTo("6.9.0-gentoo-PMacG4");
        assertThat(e.result().gfp()).isEqualTo(Gfp.KERNEL);
        // "327680 pages HighMem/MovableOnly" and only a DMA zone printed: a 32-bit HighMem kernel, whose
        // lowmem_reserve[] "0 0 1280 1280" is for DMA, Normal, HighMem, Movable.
        assertThat(report.highMemPages()).isEqualTo(327680);
        assertThat(e.result().profile().zones()).extracting(z -> z.type()).contains(ZoneType.HIGHMEM).doesNotContain(ZoneType.DMA32);
        int reserveLine = lineOf(file, "lowmem_reserve[]: 0 0 1280 1280");
        assertThat(e.result().used()).contains("line " + reserveLine + ": zone DMA's lowmem_reserve[] [0, 0, 1280, 1280] pages, for [DMA, Normal, HighMem, Movable]");
        int totalsLine = lineOf(file, "pages HighMem/MovableOnly");
        assertThat(e.result().skipped()).anyMatch(s -> s.startsWith("line " + totalsLine
                + ": zone HighMem (327680 pages HighMem/MovableOnly in the totals) is not printed"));
        ImportedZone dma = e.zone(ZoneType.DMA);
        assertThat(dma.managedPages()).isEqualTo(746644 / 4);
        assertThat(dma.freePages()).isEqualTo(56 / 4);                       // "free:56kB"; the per-order line says 0kB
        assertThat(dma.watermarks()).startsWith(11208 / 4, 12068 / 4, 12928 / 4);

        assertThat(e.story().failed()).isTrue();
        // GFP_KERNEL's highest zone is Normal (index 1), whose entry in DMA's lowmem_reserve[] is 0.
        long short_ = 11208 / 4 + 0 - 56 / 4 + 1;
        assertThat(e.check(ZoneType.DMA).shortPages()).isEqualTo(short_);
        assertThat(e.text()).contains("free_pcp 28 kB (7 pages)", "still " + (short_ - 28 / 4) + " pages short",
                "kswapd0 runs with PF_MEMALLOC");
    }

    @Test
    void a414ReportWithAFieldBrokenByTheMailerStillGivesItsZoneAndItsHighAtomicBlocks() throws IOException {
        String file = "arm64-4.14-kswapd0-highatomic.txt";
        Explained e = explain(file);
        AllocationReport report = e.report();
        assertThat(report.release()).isEqualTo("4.14.113-18770262-userdebug");
        assertThat(report.gfpMask()).isEqualTo(0x140000a);
        // 4.14 numbered the bits otherwise; the names are what runs.
        assertThat(e.result().gfp()).isEqualTo(GfpParser.parse("GFP_NOIO|__GFP_HIGHMEM|__GFP_MOVABLE").mask());
        assertThat(e.result().used()).anyMatch(s -> s.contains("mode 0x140000a numbers the bits as another kernel does"));
        int zoneLine = lineOf(file, "Normal free:14040kB");
        AllocationReport.ZoneState normal = report.zones().get(0);
        // Fields after "inactive_file:333768k           B" are read, and the break is said.
        assertThat(normal.kb("managed")).isEqualTo(3637088);
        assertThat(normal.kb("free_pcp")).isEqualTo(2280);
        assertThat(normal.lowmemReserve()).containsExactly(0, 0);
        assertThat(e.result().skipped()).contains("line " + zoneLine + ": zone Normal: 'inactive_file:333768k' is no \"name:NkB\" field; read past it");
        // "lowmem_reserve[]: 0 0": two zone types, Normal and Movable (no DMA in that arm64 configuration).
        assertThat(e.result().used()).contains("line " + zoneLine + ": zone Normal's lowmem_reserve[] [0, 0] pages, for [Normal, Movable]");
        ImportedZone z = e.zone(ZoneType.NORMAL);
        int ht = MigrateType.HIGHATOMIC.ordinal();
        // Every order of the per-order line is "(H)"; order 0 loses the 48 pages by which it exceeds "free:14040kB".
        assertThat(z.freeBlocks()[ht]).startsWith(860 - (14232 - 14040) / 4, 453, 180, 26, 34, 6, 2);
        assertThat(z.freePages()).isEqualTo(14040 / 4);
        // 6.12 counts no HighAtomic page for a Movable request until should_reclaim_retry() unreserves them; 4.14 failed.
        assertThat(e.story().failed()).isFalse();
        assertThat(e.text()).contains("3510 free pages are HighAtomic", "4.14.113-18770262-userdebug decided otherwise than 6.12 does");
    }

    @Test
    void a419AtomicRequestCannotCountFreeCmaAndTakesAHighAtomicBlockIn612() {
        Explained e = explain("arm64-4.19-binder-atomic-cma.txt");
        assertThat(e.report().task()).isEqualTo("Binder:9343_3");
        assertThat(e.result().gfp()).isEqualTo(Gfp.ATOMIC);
        // "free:10908kB" less "free_cma:712kB": an Unmovable request gets no ALLOC_CMA.
        assertThat(e.zone(ZoneType.NORMAL).freePages()).isEqualTo((10908 - 712) / 4);
        assertThat(e.result().skipped()).anyMatch(s -> s.contains("178 free CMA pages (free_cma 712kB): a Unmovable request gets no ALLOC_CMA"));
        LogExplanation.Check normal = e.check(ZoneType.NORMAL);
        assertThat(normal.ok()).isTrue();
        assertThat(normal.step().a()).isEqualTo((10908 - 712) / 4);
        assertThat(e.story().failed()).isFalse();
    }

    @Test
    void anOomReportWithCmaIsShortBy56PagesOnceFreeCmaIsLeftOut() throws IOException {
        String file = "arm64-5.4-oom-cma.txt";
        Explained e = explain(file);
        AllocationReport report = e.report();
        assertThat(report.kind()).isEqualTo(AllocationReport.Kind.OOM_KILLER);
        assertThat(report.task()).isEqualTo("oom");                        // the faulting task invokes the killer
        assertThat(report.release()).isEqualTo("5.4.74");
        assertThat(e.result().gfp()).isEqualTo(GfpParser.parse("GFP_KERNEL_ACCOUNT|__GFP_ZERO").mask());
        assertThat(report.cmaReserved()).isEqualTo(131072);
        assertThat(report.tasks()).containsExactly("ash", "oom");
        assertThat(report.tasksLine()).isEqualTo(lineOf(file, "Tasks state"));
        assertThat(report.outcome()).startsWith("Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled");

        ImportedZone dma32 = e.zone(ZoneType.DMA32);
        // The blocks printed "(C)" alone (1*512kB, 127*4096kB) are CMA for certain and go first.
        int mv = MigrateType.MOVABLE.ordinal();
        assertThat(dma32.freeBlocks()[mv][7]).isZero();
        assertThat(dma32.freeBlocks()[mv][10]).isZero();
        assertThat(dma32.freePages()).isEqualTo((529024 - 523848) / 4);
        assertThat(e.story().failed()).isTrue();
        assertThat(e.check(ZoneType.DMA32).shortPages()).isEqualTo(5396 / 4 + 0 - (529024 - 523848) / 4 + 1);
        assertThat(e.text()).contains("Tasks state (line " + lineOf(file, "Tasks state") + "): ash, oom",
                "(line " + lineOf(file, "Kernel panic") + "): Kernel panic - not syncing");
    }

    @Test
    void theSameZoneServesAMovableRequestFromItsCmaBlocks() throws IOException {
        // Ours, derived from the published OOM report: the same Mem-Info with a user page's mask, which gets ALLOC_CMA.
        String text = Files.readString(DIR.resolve("arm64-5.4-oom-cma.txt"))
                .replace("gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO)", "gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)");
        Explained e = explain(FromLog.of(text, "movable.log"));
        assertThat(e.zone(ZoneType.DMA32).freePages()).isEqualTo(529024 / 4);
        assertThat(e.result().used()).anyMatch(s -> s.contains("the request is Movable, so ALLOC_CMA lets it use them"));
        assertThat(e.story().failed()).isFalse();
    }
}
