package kmemviz.core.slab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SlabPropertiesTest {

    /** One step: kmalloc(size) when size > 0, else kfree of live handle number (-size) modulo the live count. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        Arbitrary<Integer> kmalloc = Arbitraries.oneOf(Arbitraries.integers().between(1, 256),
                Arbitraries.integers().between(1, 8192));
        Arbitrary<Integer> kfree = Arbitraries.integers().between(-10_000, -1);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, kmalloc), net.jqwik.api.Tuple.of(2, kfree))
                .list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 200)
    void invariantsHoldAndEveryLiveHandleOwnsExactlyOneInUseSlot(@ForAll("steps") List<Integer> steps,
                                                                   @ForAll boolean i386) {
        BumpPageSource pages = new BumpPageSource(4096);
        SlabAllocator slab = new SlabAllocator(pages, i386 ? 2 : 4, i386 ? 4 : 8, new kmemviz.core.mm.Taint());
        List<Long> live = new ArrayList<>();
        Map<Long, Integer> sizes = new HashMap<>();
        for (int step : steps) {
            if (step > 0) {
                long h = slab.kmallocCache(step).alloc(0xcc0, pages);
                if (h >= 0) {
                    assertThat(sizes.put(h, step)).as("handle %d handed out twice", h).isNull();
                    live.add(h);
                    assertThat(slab.ksize(h)).isEqualTo(KmallocSizes.objectSize(step));
                }
            } else if (!live.isEmpty()) {
                long h = live.remove(-step % live.size());
                sizes.remove(h);
                assertThat(slab.kfree(h)).isSameAs(FreeResult.FREED);
            }
            assertThat(slab.checkInvariants()).isEmpty();
        }
        long inUse = 0;
        for (KmemCache cache : slab.caches()) inUse += cache.activeObjs();
        assertThat(inUse).isEqualTo(live.size());
        for (long h : live) {
            KmemCache cache = slab.cacheOf(h);
            assertThat(cache).isNotNull();
            assertThat(cache.isAllocated(h)).isTrue();
            assertThat(cache.name()).isEqualTo(KmallocSizes.cacheName(sizes.get(h)));
        }
    }
}
