package kmemviz.bench;

import kmemviz.core.vm.PageSize;
import kmemviz.core.vm.Tlb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code kmemviz bench tlb}'s access stream as a JMH benchmark: one operation is the next 64-byte access of a pass
 * over a 4 MiB vmalloc buffer (4 KiB pages) and then a 4 MiB direct-map buffer (2 MiB pages), on the Skylake-like
 * TLB. Run as BuddyBench says.
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TlbBench {
    private static final long VMALLOC_BUFFER = 0xffffc90000000000L;
    private static final long DIRECT_MAP_BUFFER = 0xffff888100000000L;
    private static final long BUFFER_BYTES = 4L << 20;
    private static final int CACHE_LINE = 64;

    Tlb tlb;
    long offset;

    @Setup
    public void build() { tlb = Tlb.skylake(); }

    @Benchmark
    public int access() {
        long off = offset;
        offset = (offset + CACHE_LINE) % (2 * BUFFER_BYTES);
        return off < BUFFER_BYTES ? tlb.access(VMALLOC_BUFFER + off, PageSize.SIZE_4K)
                : tlb.access(DIRECT_MAP_BUFFER + off - BUFFER_BYTES, PageSize.SIZE_2M);
    }
}
