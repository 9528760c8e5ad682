package kmemviz.core.vm;

import kmemviz.core.mm.PfnRange;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectMapTest {
    private static final long G = 1L << 30;
    /** 16 GiB: 0..3 GiB below the PCI hole, 4..17 GiB above it. */
    private static final List<PfnRange> RAM_16G = List.of(PfnRange.ofBytes(0, 3 * G), PfnRange.ofBytes(4 * G, 17 * G));
    /** The published E820 map of a 16 GiB KVM guest used in the reference (§2.6). */
    private static final List<PfnRange> KVM_16G = List.of(PfnRange.ofBytes(0, 0x9f000),
            PfnRange.ofBytes(0x100000, 0xbfffd000L), PfnRange.ofBytes(4 * G, 0x440000000L));

    private static DirectMap build(List<PfnRange> ram, boolean gbpages) {
        PageTables pt = new PageTables(Arch.X86_64, new BumpFrameSource(), 0);
        return DirectMap.build(pt, AddressLayout.x86_64(), ram, true, gbpages);
    }

    @Test
    void splitMemRangeCutsHeadTwoMegOneGigTwoMegTail() {
        List<MapRange> r = DirectMap.splitMemRange(AddressLayout.x86_64(), List.of(PfnRange.ofBytes(0x101000, 0x4fff05000L)),
                true, true, 0x101000, 0x4fff00000L + 0x5000);
        // [1M+4K, 2M) 4k; [2M, 1G) 2M; [1G, 19G) 1G; [19G, ...) 2M; tail 4k. RAM ends at the range's edges, so no
        // piece can be promoted.
        assertThat(r).extracting(MapRange::pageSize)
                .containsExactly(PageSize.SIZE_4K, PageSize.SIZE_2M, PageSize.SIZE_1G, PageSize.SIZE_2M, PageSize.SIZE_4K);
        assertThat(r.get(0).start()).isEqualTo(0x101000);
        assertThat(r.get(2).start()).isEqualTo(G);
        assertThat(r.get(2).end()).isEqualTo(19 * G);
    }

    @Test
    void sixteenGigWithGbpagesIsOneGigPagesEverywhereEvenTheFirstTwoMeg() {
        DirectMap dm = build(RAM_16G, true);
        assertThat(dm.ranges()).extracting(MapRange::text).containsExactly(
                " [mem 0x00000000-0x000fffff] page 1G",
                " [mem 0x43fe00000-0x43fffffff] page 1G",
                " [mem 0x420000000-0x43fdfffff] page 1G",
                " [mem 0x00100000-0xbfffffff] page 1G",
                " [mem 0x100000000-0x41fffffff] page 1G");
        assertThat(dm.leaves(PageSize.SIZE_1G)).isEqualTo(16);
        assertThat(dm.leaves(PageSize.SIZE_4K)).isZero();
        // The top 1 GiB and the first 1 GiB are visited again by later windows, and each visit counts.
        assertThat(dm.meminfoLines()).containsExactly(
                "DirectMap4k:           0 kB",
                "DirectMap2M:           0 kB",
                "DirectMap1G:    19922944 kB");
    }

    @Test
    void sixteenGigWithoutGbpagesIsTwoMegPagesAndNoDirectMap1GLine() {
        DirectMap dm = build(RAM_16G, false);
        assertThat(dm.leaves(PageSize.SIZE_2M)).isEqualTo(8192);
        assertThat(dm.meminfoLines()).containsExactly(
                "DirectMap4k:           0 kB",
                "DirectMap2M:    16779264 kB");
    }

    @Test
    void kvmE820MapGivesTheReferenceLeafTable() {
        DirectMap dm = build(KVM_16G, true);
        assertThat(dm.leaves(PageSize.SIZE_4K)).isEqualTo(256 + 256 + 509);
        assertThat(dm.leaves(PageSize.SIZE_2M)).isEqualTo(511 + 511);
        assertThat(dm.leaves(PageSize.SIZE_1G)).isEqualTo(1 + 13);
        assertThat(dm.ranges()).extracting(MapRange::text).contains(
                " [mem 0x00000000-0x000fffff] page 4k",
                " [mem 0x00100000-0x001fffff] page 4k",
                " [mem 0x00200000-0x3fffffff] page 2M",
                " [mem 0x40000000-0x7fffffff] page 1G",
                " [mem 0x80000000-0xbfdfffff] page 2M",
                " [mem 0xbfe00000-0xbfffcfff] page 4k");
        assertThat(dm.meminfoLines()).containsExactly(
                "DirectMap4k:        4084 kB",
                "DirectMap2M:     2093056 kB",
                "DirectMap1G:    16777216 kB");
    }

    @Test
    void directMapTranslatesEveryRamByteToItsOwnPhysicalAddress() {
        PageTables pt = new PageTables(Arch.X86_64, new BumpFrameSource(), 0);
        AddressLayout l = AddressLayout.x86_64();
        DirectMap.build(pt, l, KVM_16G, true, true);
        for (long pa : new long[] {0x5000, 0x150000, 0x12345678L, 0x7fffffffL, 0xbfffc123L, 0x123456789L}) {
            assertThat(pt.translate(l.pageOffset() + pa).physAddr()).isEqualTo(pa);
        }
        assertThat(pt.pageSizeAt(l.pageOffset() + 0xc0000000L)).as("PCI hole").isNull();
    }

    @Test
    void i386LowmemIs4kThen4MegPseThen4kTail() {
        PageTables pt = new PageTables(Arch.I386, new BumpFrameSource(), 0);
        AddressLayout l = AddressLayout.i386(0x40000);
        DirectMap dm = DirectMap.build(pt, l, List.of(PfnRange.ofBytes(0, 0x9f000), PfnRange.ofBytes(0x100000, G)), true, false);
        assertThat(dm.leaves(PageSize.SIZE_4K)).isEqualTo(1024 + 1022);
        assertThat(dm.leaves(PageSize.SIZE_4M)).isEqualTo(218);
        assertThat(pt.pageSizeAt(0xc0400000L)).isEqualTo(PageSize.SIZE_4M);
        assertThat(pt.pageSizeAt(0xc0300000L)).isEqualTo(PageSize.SIZE_4K);
        assertThat(pt.pageSizeAt(0xf6ffd000L)).isEqualTo(PageSize.SIZE_4K);
        assertThat(pt.pageSizeAt(0xf6ffe000L)).as("HighMem has no direct map").isNull();
        assertThat(dm.meminfoLines()).containsExactly("DirectMap4k:        8184 kB", "DirectMap4M:      892928 kB");
    }

    @Test
    void withoutPseEverythingIs4k() {
        DirectMap dm = build(List.of(PfnRange.ofBytes(0, 64L << 20)), false);
        PageTables pt = new PageTables(Arch.X86_64, new BumpFrameSource(), 0);
        DirectMap flat = DirectMap.build(pt, AddressLayout.x86_64(), List.of(PfnRange.ofBytes(0, 64L << 20)), false, true);
        assertThat(flat.leaves(PageSize.SIZE_4K)).isEqualTo(16384);
        assertThat(flat.meminfoLines()).hasSize(2);
        assertThat(dm.leaves(PageSize.SIZE_2M)).isEqualTo(32);
    }
}
