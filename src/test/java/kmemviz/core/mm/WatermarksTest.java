package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference's worked example A (gfp-and-page-alloc.md §5.5): a 16 GiB-class x86_64 machine with THP. */
class WatermarksTest {

    private static List<Zone> exampleA() {
        long[] managed = {3840, 782336, 3145728, 0, 0};
        ZoneType[] types = {ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE, ZoneType.DEVICE};
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            Zone z = new Zone(types[i], i, new PfnRange(0, 0), types.length);
            z.managedPages = managed[i];
            z.presentPages = managed[i];
            zones.add(z);
        }
        return zones;
    }

    private static List<Long> marks(Zone z) {
        return List.of(z.watermark(Watermark.MIN), z.watermark(Watermark.LOW), z.watermark(Watermark.HIGH));
    }

    @Test
    void khugepagedRaisesMinFreeKbytesAndTheMarksFollow() {
        List<Zone> zones = exampleA();
        long minFree = Watermarks.setup(zones, Profiles.builtIn("x86_64-16g"));
        assertThat(minFree).isEqualTo(67584);
        assertThat(marks(zones.get(0))).containsExactly(16L, 20L, 24L);
        assertThat(marks(zones.get(1))).containsExactly(3361L, 4201L, 5041L);
        assertThat(marks(zones.get(2))).containsExactly(13517L, 16896L, 20275L);
        assertThat(zones.get(3).watermark(Watermark.MIN)).isEqualTo(32);     // an empty Movable zone
    }

    @Test
    void withoutThpTheSquareRootRuleGivesMinFreeKbytes() {
        List<Zone> zones = exampleA();
        Profile noThp = Profiles.builtIn("x86_64-16g");
        noThp = new Profile(noThp.name(), noThp.description(), 64, 4, noThp.zones(), noThp.ram(), noThp.reserved(), false, true);
        assertThat(Watermarks.setup(zones, noThp)).isEqualTo(15863);
        assertThat(marks(zones.get(1))).containsExactly(788L, 1570L, 2352L);
        assertThat(marks(zones.get(2))).containsExactly(3172L, 6317L, 9462L);
    }

    @Test
    void lowmemReserveFollowsTheRevertedRule() {
        List<Zone> zones = exampleA();
        Watermarks.setup(zones, Profiles.builtIn("x86_64-16g"));
        assertThat(zones.get(0).lowmemReserves()).containsExactly(0, 3056, 15344, 15344, 15344);
        assertThat(zones.get(1).lowmemReserves()).containsExactly(0, 0, 12288, 12288, 12288);
        assertThat(zones.get(2).lowmemReserves()).containsExactly(0, 0, 0, 0, 0);
    }
}
