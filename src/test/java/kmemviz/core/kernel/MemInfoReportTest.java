package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/**
 * The Mem-Info block after an allocation failure, against the format strings of mm/show_mem.c (6.12.118:
 * show_free_areas() lines 203-226, 228-289, 296-340, 341-344, 347-379; __show_mem() lines 398-418) and
 * show_swap_cache_info() (mm/swap_state.c:67-72). A published capture of the per-order line, for the letters and
 * spacing: "Node 0 DMA: 26*4kB (M) 53*8kB (UM) 33*16kB (ME) ... 0*4096kB = 4352kB"
 * (http://prophetes.ai/a/xcX3v84RxoQ-4GxG32940ukFUIEgYdPy/67253fa0097d9515ec01fc35d8b07e7e), and of the tail:
 * "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB / 9275 total pagecache pages /
 * 0 pages in swap cache / ... / Free swap  = 0kB / Total swap = 0kB / 8388478 pages RAM / 0 pages
 * HighMem/MovableOnly / 193375 pages reserved" (https://e-com-net.com/article/1718684909263990784.htm).
 */
class MemInfoReportTest {

    private static List<String> memInfo(Kernel k, String failingCall) {
        String text = reports(last(k, failingCall)).get(0).text();
        assertThat(text).contains("\nMem-Info:\n");
        return text.substring(text.indexOf("Mem-Info:\n")).lines().toList();
    }

    @Test
    void theBlockFollowsShowMemLineForLine() {
        Kernel k = KernelFixture.classroom();
        run(k, "f = page_cache(\"log\", 40KiB)\nq = user_process(\"sh\", 20KiB)\ns = kmalloc(100, GFP_KERNEL)");
        // No reclaim bit at all: no direct reclaim and no kswapd afterwards, so the page cache and the free counts the
        // report printed are still there to compare with.
        List<String> lines = memInfo(k, "p = alloc_pages(__GFP_HIGH, 10)");
        long free = k.memory().zones().stream().mapToLong(Zone::freePages).sum();
        long slabPages = k.memory().allocations().all().stream()
                .filter(a -> a.api() == kmemviz.core.mm.Api.SLAB).mapToLong(a -> a.nrPages()).sum();
        assertThat(lines.subList(0, 9)).containsExactly(
                "Mem-Info:",
                "active_anon:0 inactive_anon:5 isolated_anon:0",
                " active_file:0 inactive_file:10 isolated_file:0",
                " unevictable:0 dirty:0 writeback:0",
                " slab_reclaimable:0 slab_unreclaimable:" + slabPages,
                " mapped:0 shmem:0 pagetables:0",
                " sec_pagetables:0 bounce:0",
                " kernel_misc_reclaimable:0",
                " free:" + free + " free_pcp:0 free_cma:0");
        assertThat(lines.get(9)).isEqualTo("Node 0 active_anon:0kB inactive_anon:20kB active_file:0kB inactive_file:40kB"
                + " unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:0kB dirty:0kB writeback:0kB shmem:0kB"
                + " shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:0kB writeback_tmp:0kB kernel_stack:0kB pagetables:0kB"
                + " sec_pagetables:0kB all_unreclaimable? no");
        int i = 10;
        for (Zone z : k.memory().zones()) {
            if (!z.isPopulated()) continue;
            assertThat(lines.get(i++)).startsWith("Node 0 " + z.name() + " free:" + z.freePages() * 4 + "kB boost:0kB min:"
                            + z.watermark(Watermark.MIN) * 4 + "kB low:" + z.watermark(Watermark.LOW) * 4 + "kB high:"
                            + z.watermark(Watermark.HIGH) * 4 + "kB reserved_highatomic:0KB active_anon:")
                    .endsWith(" present:" + z.presentPages() * 4 + "kB managed:" + z.managedPages() * 4
                            + "kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB");
            // MAX_NR_ZONES entries: DMA, DMA32, Normal, Movable, Device on x86_64.
            assertThat(lines.get(i++)).matches("lowmem_reserve\\[\\]:( \\d+){5}");
        }
        for (Zone z : k.memory().zones()) {
            if (!z.isPopulated()) continue;
            StringBuilder expected = new StringBuilder("Node 0 " + z.name() + ": ");
            long total = 0;
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
                expected.append(z.nrFree(o)).append('*').append(4 << o).append("kB ").append(z.nrFree(o) > 0 ? "(M) " : "");
                total += z.nrFree(o) << o;
            }
            assertThat(lines.get(i++)).isEqualTo(expected + "= " + total * 4 + "kB");
        }
        long present = k.memory().zones().stream().mapToLong(Zone::presentPages).sum();
        long managed = k.memory().zones().stream().mapToLong(Zone::managedPages).sum();
        assertThat(lines.subList(i, lines.size())).containsExactly(
                "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB",
                "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
                "10 total pagecache pages",
                "0 pages in swap cache",
                "Free swap  = 0kB",
                "Total swap = 0kB",
                present + " pages RAM",
                "0 pages HighMem/MovableOnly",
                (present - managed) + " pages reserved",
                "0 pages hwpoisoned");
    }

    @Test
    void theKernelLogReaderReadsTheModelsOomReportBackToTheModelsZones() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 8MiB dma=1MiB\nsmall = user_process(\"sshd\", 64KiB)");
        String text = reports(last(k, "hog = user_process(\"hog\", 16MiB)")).get(0).text();
        kmemviz.core.klog.AllocationReport read = new kmemviz.core.klog.KernelLogReader().read(text);
        assertThat(read.kind()).isEqualTo(kmemviz.core.klog.AllocationReport.Kind.OOM_KILLER);
        assertThat(read.task()).isEqualTo("hog");
        assertThat(read.gfpNames()).isEqualTo("GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
        assertThat(read.zones()).extracting(kmemviz.core.klog.AllocationReport.ZoneState::name).containsExactly("DMA", "Normal");
        // The report was printed before the victim's pages went back: compare what does not move, and the shape.
        for (kmemviz.core.klog.AllocationReport.ZoneState z : read.zones()) {
            Zone model = k.memory().zones().stream().filter(m -> m.name().equals(z.name())).findFirst().orElseThrow();
            assertThat(z.kb("present")).isEqualTo(model.presentPages() * 4);
            assertThat(z.kb("managed")).isEqualTo(model.managedPages() * 4);
            assertThat(z.kb("min")).isEqualTo(model.watermark(Watermark.MIN) * 4);
            assertThat(z.lowmemReserve()).containsExactly(model.lowmemReserves());
            assertThat(z.freeBlocks()).hasSize(BuddyAllocator.NR_PAGE_ORDERS);
            long sum = 0;
            for (int o = 0; o < z.freeBlocks().length; o++) sum += z.freeBlocks()[o] << o;
            assertThat(z.totalKb()).isEqualTo(sum * 4).isEqualTo(z.kb("free"));
        }
    }

    @Test
    void onlyZonesUpToTheRequestsHighestArePrinted() {
        Kernel k = KernelFixture.classroom();
        List<String> lines = memInfo(k, "p = alloc_pages(GFP_DMA, 10)");
        assertThat(lines).anyMatch(l -> l.startsWith("Node 0 DMA: ")).noneMatch(l -> l.startsWith("Node 0 Normal"));
    }

    @Test
    void i386HasNoNodePrefixOnZoneLinesNoThpFieldsAndCountsHighMem() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 32MiB dma=4MiB highmem=8MiB");      // a HighMem zone makes it a 32-bit machine
        List<String> lines = memInfo(k, "hog = user_process(\"hog\", 64MiB)");
        Zone high = k.memory().zones().stream().filter(z -> z.type() == ZoneType.HIGHMEM).findFirst().orElseThrow();
        // show_node() prints "Node 0 " only with CONFIG_NUMA; the per-node line always names its node.
        assertThat(lines).anyMatch(l -> l.startsWith("HighMem free:")).anyMatch(l -> l.startsWith("HighMem: "))
                .anyMatch(l -> l.startsWith("Node 0 active_anon:") && !l.contains("shmem_thp"))
                .contains("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=4096kB")
                .contains(high.presentPages() + " pages HighMem/MovableOnly")
                .anyMatch(l -> l.matches("lowmem_reserve\\[\\]:( \\d+){4}"));
    }
}
