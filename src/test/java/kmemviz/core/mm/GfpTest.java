package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GfpTest {

    private static final boolean X86_64_DMA32 = true, X86_64_HIGHMEM = false;
    private static final boolean I386_DMA32 = false, I386_HIGHMEM = true;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "__GFP_RECLAIM, 0xc00", "GFP_ATOMIC, 0x820", "GFP_KERNEL, 0xcc0", "GFP_KERNEL_ACCOUNT, 0x400cc0",
            "GFP_NOWAIT, 0x2800", "GFP_NOIO, 0xc00", "GFP_NOFS, 0xc40", "GFP_USER, 0x100cc0", "GFP_DMA, 0x1",
            "GFP_DMA32, 0x4", "GFP_HIGHUSER, 0x100cc2", "GFP_HIGHUSER_MOVABLE, 0x100cca",
            "GFP_TRANSHUGE_LIGHT, 0x1c20ca", "GFP_TRANSHUGE, 0x1c24ca"})
    void compositesHaveTheirX8664Values(String name, String hex) {
        assertThat(Gfp.byName(name)).get().extracting(GfpBit::mask).isEqualTo(Integer.decode(hex));
    }

    @Test
    void constantsMatchTheReferenceTable() {
        assertThat(List.of(Gfp.KERNEL, Gfp.ATOMIC, Gfp.NOWAIT, Gfp.HIGHUSER_MOVABLE, Gfp.TRANSHUGE, Gfp.ZONEMASK))
                .containsExactly(0xcc0, 0x820, 0x2800, 0x100cca, 0x1c24ca, 0xf);
        assertThat(Gfp.BITS_MASK).isEqualTo(0x1ffffff);
        assertThat(Gfp.NO_OBJ_EXT).isEqualTo(0x1000000);
        assertThat(List.of(Gfp.NOLOCKDEP, Gfp.SKIP_ZERO, Gfp.SKIP_KASAN)).containsOnly(0);
    }

    @Test
    void bitsAreTheDefinedSingleBitsInBitOrder() {
        List<GfpBit> bits = Gfp.bits();
        assertThat(bits).hasSize(24).allSatisfy(b -> assertThat(Integer.bitCount(b.mask())).isEqualTo(1));
        assertThat(bits).extracting(GfpBit::mask).isSortedAccordingTo(Integer::compareUnsigned);
        assertThat(bits).extracting(GfpBit::mask).doesNotContain(0x200);
        assertThat(bits.stream().mapToInt(GfpBit::mask).reduce(0, (a, b) -> a | b)).isEqualTo(Gfp.BITS_MASK & ~0x200);
    }

    @Test
    void bitsAreGroupedAsGfpTypesHDocumentsThem() {
        assertThat(Gfp.byName("__GFP_MOVABLE")).get().extracting(GfpBit::group).isEqualTo(GfpBit.Group.ZONE_MODIFIER);
        assertThat(Gfp.byName("__GFP_RECLAIMABLE")).get().extracting(GfpBit::group).isEqualTo(GfpBit.Group.MOBILITY);
        assertThat(Gfp.byName("__GFP_MEMALLOC")).get().extracting(GfpBit::group).isEqualTo(GfpBit.Group.WATERMARK);
        assertThat(Gfp.byName("__GFP_NORETRY")).get().extracting(GfpBit::group).isEqualTo(GfpBit.Group.RECLAIM);
        assertThat(Gfp.byName("__GFP_COMP")).get().extracting(GfpBit::group).isEqualTo(GfpBit.Group.ACTION);
        assertThat(Gfp.composites()).extracting(GfpBit::group).containsOnly(GfpBit.Group.COMPOSITE);
    }

    @Test
    void atomicMeaningSaysItNeverSleeps() {
        assertThat(Gfp.byName("GFP_ATOMIC")).get().extracting(GfpBit::meaning)
                .isEqualTo("Never sleeps; may use part of the min reserve; wakes kswapd.");
    }

    /** Every worked example of reference section 2. */
    @ParameterizedTest(name = "{0} prints \"{1}\"")
    @CsvSource(delimiter = ';', value = {
            "0xcc0; GFP_KERNEL",
            "0xdc0; GFP_KERNEL|__GFP_ZERO",
            "0x820; GFP_ATOMIC",
            "0x2800; GFP_NOWAIT",
            "0x2820; GFP_ATOMIC|__GFP_NOWARN",
            "0x0; ''",
            "0x40cc0; GFP_KERNEL|__GFP_COMP",
            "0x40dc0; GFP_KERNEL|__GFP_COMP|__GFP_ZERO",
            "0xcc1; GFP_KERNEL|GFP_DMA",
            "0x400dc0; GFP_KERNEL_ACCOUNT|__GFP_ZERO",
            "0x100dca; GFP_HIGHUSER_MOVABLE|__GFP_ZERO",
            "0x140cca; GFP_HIGHUSER_MOVABLE|__GFP_COMP",
            "0x1c20ca; GFP_TRANSHUGE_LIGHT",
            "0x1c24ca; GFP_TRANSHUGE",
            "0x12cc0; GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY",
            "0x8c0; __GFP_IO|__GFP_FS|__GFP_KSWAPD_RECLAIM",
            "0xec0; GFP_KERNEL|0x200",
            "0x1000cc0; GFP_KERNEL|0x1000000"})
    void formatPrintsLikeTheKernelsPercentPGg(String hex, String printed) {
        assertThat(Gfp.format(Integer.decode(hex))).isEqualTo(printed);
    }

    @Test
    void leftoverBitsPrintAsOneHexNumberEvenAboveBit31() {
        assertThat(Gfp.format(0x8000_0200 | Gfp.KERNEL)).isEqualTo("GFP_KERNEL|0x80000200");
        assertThat(Gfp.format(0x200)).isEqualTo("0x200");
    }

    @Test
    void reclaimBitsAloneUseTheReclaimCompositeAfterGfpNoio() {
        // GFP_NOIO (0xc00) comes before __GFP_RECLAIM in gfpflag_names[], so the kernel prints GFP_NOIO.
        assertThat(Gfp.format(Gfp.RECLAIM)).isEqualTo("GFP_NOIO");
        assertThat(Gfp.format(Gfp.DIRECT_RECLAIM)).isEqualTo("__GFP_DIRECT_RECLAIM");
    }

    @ParameterizedTest(name = "zone bits {0}: x86_64 {1}, i386 {2}")
    @CsvSource({
            "0x0, NORMAL, NORMAL",
            "0x1, DMA, DMA",
            "0x2, NORMAL, HIGHMEM",
            "0x4, DMA32, NORMAL",
            "0x8, NORMAL, NORMAL",
            "0x9, DMA, DMA",
            "0xa, MOVABLE, MOVABLE",
            "0xc, DMA32, NORMAL"})
    void zoneFollowsGfpZoneTable(String hex, ZoneType x8664, ZoneType i386) {
        int gfp = Gfp.KERNEL | Integer.decode(hex);
        assertThat(Gfp.zone(gfp, X86_64_DMA32, X86_64_HIGHMEM)).isEqualTo(x8664);
        assertThat(Gfp.zone(gfp, I386_DMA32, I386_HIGHMEM)).isEqualTo(i386);
        assertThat(Gfp.invalidReason(gfp)).isEmpty();
    }

    @ParameterizedTest(name = "zone bits {0} are BAD")
    @CsvSource({"0x3", "0x5", "0x6", "0x7", "0xb", "0xd", "0xe", "0xf"})
    void badZoneCombinationsGiveZoneDmaAndAReason(String hex) {
        int gfp = Integer.decode(hex);
        assertThat(Gfp.zone(gfp, X86_64_DMA32, X86_64_HIGHMEM)).isEqualTo(ZoneType.DMA);
        assertThat(Gfp.zone(gfp, I386_DMA32, I386_HIGHMEM)).isEqualTo(ZoneType.DMA);
        assertThat(Gfp.invalidReason(gfp)).get().asString()
                .contains("VM_BUG_ON", "gfp_zone()", "include/linux/gfp.h:139");
    }

    @Test
    void badZoneReasonNamesTheConflictingBits() {
        assertThat(Gfp.invalidReason(Gfp.KERNEL | Gfp.DMA | Gfp.HIGHMEM)).get()
                .asString().startsWith("__GFP_DMA|__GFP_HIGHMEM is not a valid zone combination");
        assertThat(Gfp.invalidReason(Gfp.MOVABLE | Gfp.DMA32 | Gfp.DMA)).get()
                .asString().startsWith("__GFP_DMA|__GFP_DMA32|__GFP_MOVABLE is not");
    }

    @Test
    void onlyTheEightBadSlotsOfTheZoneTableAreInvalid() {
        assertThat(IntStream.range(0, 16).filter(bits -> Gfp.invalidReason(bits).isPresent()))
                .containsExactly(0x3, 0x5, 0x6, 0x7, 0xb, 0xd, 0xe, 0xf);
    }

    @Test
    void movableWithReclaimableIsReportedAsHighAtomicWarning() {
        int gfp = Gfp.KERNEL | Gfp.MOVABLE | Gfp.RECLAIMABLE;
        assertThat(Gfp.migratetypeName(gfp)).isEqualTo("HighAtomic");
        assertThat(Gfp.invalidReason(gfp)).get().asString()
                .contains("__GFP_MOVABLE|__GFP_RECLAIMABLE", "VM_WARN_ON", "MIGRATE_HIGHATOMIC");
    }

    @Test
    void bitsAboveBitsMaskAreReportedByValue() {
        assertThat(Gfp.invalidReason(Gfp.KERNEL | 0x2000000)).get().asString()
                .startsWith("0x2000000 is above __GFP_BITS_MASK (0x1ffffff)");
        assertThat(Gfp.invalidReason(Gfp.KERNEL | Gfp.NO_OBJ_EXT)).isEmpty();
    }

    @Test
    void severalProblemsAreAllReported() {
        assertThat(Gfp.invalidReason(0x8000_0000 | Gfp.DMA | Gfp.DMA32 | Gfp.RECLAIMABLE)).get().asString()
                .contains("gfp_zone()", "0x80000000");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"GFP_KERNEL, Unmovable", "GFP_HIGHUSER_MOVABLE, Movable", "__GFP_RECLAIMABLE, Reclaimable"})
    void migratetypeFollowsTheMobilityBits(String name, String migratetype) {
        assertThat(Gfp.migratetypeName(Gfp.byName(name).orElseThrow().mask())).isEqualTo(migratetype);
    }

    @Test
    void onlyDirectReclaimAllowsBlocking() {
        assertThat(Gfp.allowBlocking(Gfp.KERNEL)).isTrue();
        assertThat(Gfp.allowBlocking(Gfp.NOIO)).isTrue();
        assertThat(Gfp.allowBlocking(Gfp.ATOMIC)).isFalse();
        assertThat(Gfp.allowBlocking(Gfp.NOWAIT)).isFalse();
        assertThat(Gfp.allowBlocking(Gfp.TRANSHUGE_LIGHT)).isFalse();
        assertThat(Gfp.allowBlocking(Gfp.TRANSHUGE)).isTrue();
    }
}
