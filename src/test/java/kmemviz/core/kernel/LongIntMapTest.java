package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** LongIntMap against a HashMap, under puts and removes that collide, wrap around the table and grow it. */
class LongIntMapTest {

    @Property(tries = 200)
    void behavesAsAHashMap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3_000) int ops,
                           @ForAll @LongRange(min = 1, max = 1L << 40) long keySpread) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < ops; i++) {
            // Keys of both signs, few enough to collide often; aligned like slab objects half of the time
            long key = (r.nextLong(keySpread) - keySpread / 2) * (r.nextBoolean() ? 64 : 1);
            if (r.nextInt(3) == 0) {
                Integer old = expected.remove(key);
                assertThat(map.remove(key)).isEqualTo(old == null ? LongIntMap.MISSING : old);
            } else {
                int value = r.nextBoolean() ? -1 - r.nextInt(100) : 1 + r.nextInt(1_000_000);
                expected.put(key, value);
                map.put(key, value);
            }
            assertThat(map.size()).isEqualTo(expected.size());
        }
        for (Map.Entry<Long, Integer> e : expected.entrySet()) assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
        Set<Long> keys = new HashSet<>();
        map.forEachKey(keys::add);
        assertThat(keys).isEqualTo(expected.keySet());
        LongIntMap copy = new LongIntMap(map);
        expected.keySet().forEach(map::remove);
        assertThat(map.size()).isZero();
        for (Map.Entry<Long, Integer> e : expected.entrySet()) assertThat(copy.get(e.getKey())).isEqualTo(e.getValue());
    }

    @Test
    void anAbsentKeyAndTheTopBitKey() {
        LongIntMap map = new LongIntMap();
        assertThat(map.get(0xffff9e0e8571e000L)).isEqualTo(LongIntMap.MISSING);
        map.put(0xffff9e0e8571e000L, 7);
        assertThat(map.get(0xffff9e0e8571e000L)).isEqualTo(7);
        assertThat(map.get(0)).isEqualTo(LongIntMap.MISSING);
        assertThatThrownBy(() -> map.put(1, LongIntMap.MISSING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold the value 0");
    }
}
