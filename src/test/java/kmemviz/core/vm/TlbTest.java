package kmemviz.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlbTest {
    private static final long P = 4096;

    /** 4 entries, 2 ways: 2 sets; even vpns go to set 0. */
    private static Tlb small() {
        return new Tlb(List.of(new TlbGeometry("L1", 4, 2, PageSize.SIZE_4K)), null, TlbCosts.DEFAULT);
    }

    @Test
    void leastRecentlyUsedWayIsEvictedFirst() {
        Tlb tlb = small();
        List<Long> evicted = new ArrayList<>();
        tlb.setListener(new TlbListener() {
            @Override public void evict(int t, int set, int way, long vpn, PageSize size) { evicted.add(vpn); }
        });
        tlb.access(0 * P, PageSize.SIZE_4K);
        tlb.access(2 * P, PageSize.SIZE_4K);
        assertThat(tlb.access(0 * P, PageSize.SIZE_4K)).isEqualTo(Tlb.L1_HIT);   // 2 is now LRU in set 0
        tlb.access(4 * P, PageSize.SIZE_4K);                                    // evicts 2
        tlb.access(6 * P, PageSize.SIZE_4K);                                    // evicts 0
        assertThat(evicted).containsExactly(2L, 0L);
        assertThat(tlb.access(4 * P, PageSize.SIZE_4K)).isEqualTo(Tlb.L1_HIT);
        assertThat(tlb.access(2 * P, PageSize.SIZE_4K)).isEqualTo(Tlb.WALK);
        assertThat(tlb.access(1 * P, PageSize.SIZE_4K)).as("set 1 untouched so far").isEqualTo(Tlb.WALK);
    }

    @Test
    void lruRankViewShowsTheVictimLast() {
        Tlb tlb = small();
        tlb.access(0, PageSize.SIZE_4K);
        tlb.access(2 * P, PageSize.SIZE_4K);
        assertThat(tlb.slotVpn(0, 0, 0)).isEqualTo(0);
        assertThat(tlb.slotVpn(0, 0, 1)).isEqualTo(2);
        assertThat(tlb.lruRank(0, 0, 0)).isEqualTo(1);
        assertThat(tlb.lruRank(0, 0, 1)).isEqualTo(0);
        assertThat(tlb.lruRank(0, 1, 0)).isEqualTo(-1);
        assertThat(tlb.slotPageSize(0, 0, 1)).isEqualTo(PageSize.SIZE_4K);
    }

    @Test
    void l1MissThatHitsTheStlbCostsTheStlbPrice() {
        Tlb tlb = Tlb.skylake();
        for (int i = 0; i < 65; i++) tlb.access(i * 16 * P, PageSize.SIZE_4K);  // 65 pages in one L1 set of 4 ways
        tlb.resetStats();
        assertThat(tlb.access(0, PageSize.SIZE_4K)).isEqualTo(Tlb.STLB_HIT);
        assertThat(tlb.stats().cycles()).isEqualTo(9);
        assertThat(tlb.access(0, PageSize.SIZE_4K)).isEqualTo(Tlb.L1_HIT);
        assertThat(tlb.stats()).isEqualTo(new TlbStats(2, 1, 1, 0, 10, 0, 0));
    }

    @Test
    void oneGigabytePagesMissToAWalkBecauseTheStlbDoesNotHoldThem() {
        Tlb tlb = Tlb.skylake();
        for (int i = 0; i < 5; i++) tlb.access(i * (1L << 30), PageSize.SIZE_1G);
        assertThat(tlb.access(0, PageSize.SIZE_1G)).isEqualTo(Tlb.WALK);   // 4-entry L1 lost it
        assertThat(tlb.access(4L << 30, PageSize.SIZE_1G)).isEqualTo(Tlb.L1_HIT);
    }

    @Test
    void flushRangeOfThirtyThreePagesFlushesPageByPageAndThirtyFourFlushesAll() {
        Tlb tlb = Tlb.skylake();
        tlb.access(100 * P, PageSize.SIZE_4K);
        tlb.flushRange(0, 33 * P);
        assertThat(tlb.stats().pageFlushes()).isEqualTo(33);
        assertThat(tlb.stats().fullFlushes()).isZero();
        assertThat(tlb.access(100 * P, PageSize.SIZE_4K)).isEqualTo(Tlb.L1_HIT);
        tlb.flushRange(0, 34 * P);
        assertThat(tlb.stats().fullFlushes()).isEqualTo(1);
        assertThat(tlb.access(100 * P, PageSize.SIZE_4K)).isEqualTo(Tlb.WALK);
    }

    @Test
    void flushPageDropsATwoMegabyteEntryFromL1AndStlb() {
        Tlb tlb = Tlb.skylake();
        long va = 0xffff888000200000L;
        tlb.access(va, PageSize.SIZE_2M);
        tlb.flushPage(va + 5 * P);
        assertThat(tlb.access(va, PageSize.SIZE_2M)).isEqualTo(Tlb.WALK);
    }

    @Test
    void resizingOneStructureKeepsTheOthersAndTheCosts() {
        Tlb tlb = Tlb.skylake(new TlbCosts(2, 10, 40));
        Tlb l1 = tlb.resized(Tlb.Structure.L1_2M, 16, 2);
        assertThat(l1.structures()).extracting(TlbGeometry::entries).containsExactly(64, 16, 4, 1536);
        assertThat(l1.structures().get(1).ways()).isEqualTo(2);
        assertThat(l1.structures().get(1).pageSizes()).containsExactlyInAnyOrder(PageSize.SIZE_2M, PageSize.SIZE_4M);
        assertThat(l1.costs()).isEqualTo(tlb.costs());
        Tlb stlb = tlb.resized(Tlb.Structure.STLB, 12, 12);
        assertThat(stlb.structures()).extracting(TlbGeometry::entries).containsExactly(64, 32, 4, 12);
        assertThat(stlb.stlbIndex()).isEqualTo(3);
    }

    @Test
    void newCostsKeepTheGeometry() {
        Tlb tlb = Tlb.skylake();
        Tlb dearer = tlb.withCosts(new TlbCosts(1, 20, 100));
        assertThat(dearer.structures()).isEqualTo(tlb.structures());
        assertThat(dearer.costs()).isEqualTo(new TlbCosts(1, 20, 100));
    }

    @Test
    void eachCounterReadsItsField() {
        TlbStats s = new TlbStats(1, 2, 3, 4, 5, 6, 7);
        assertThat(TlbStats.Counter.values()).extracting(s::get).containsExactly(1L, 2L, 3L, 4L, 5L, 13L);
        for (TlbStats.Counter c : TlbStats.Counter.values()) assertThat(TlbStats.Counter.byKeyword(c.keyword())).isEqualTo(c);
    }
}
