package kmemviz.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import kmemviz.core.kernel.EventRecorder;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.MmListener;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code kmemviz bench core}'s workload as a JMH benchmark: one operation picks a random slot of 65,536 and fills
 * it with alloc_pages(GFP_KERNEL, 0..3) or frees what it holds, on x86_64-16g. Each listener variant runs in its
 * own fork, so neither sees the other's compiled code. Run (after {@code mvn test-compile} and the class path
 * step in stack.md): {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main BuddyBench}
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BuddyBench {
    static final int SLOTS = 65_536;

    @Param({"none", "recorder"})
    public String listener;

    PhysicalMemory mem;
    EventRecorder recorder;
    int[] pfn, order;
    SplittableRandom rnd;

    @Setup
    public void boot() {
        mem = new PhysicalMemory(Profiles.builtIn("x86_64-16g"));
        recorder = new EventRecorder();
        mem.setListener(listener.equals("recorder") ? recorder : new MmListener() {});
        pfn = new int[SLOTS];
        order = new int[SLOTS];
        Arrays.fill(pfn, FrameTable.NO_PFN);
        rnd = new SplittableRandom(42);
    }

    @Benchmark
    public int allocOrFree() {
        int slot = rnd.nextInt(SLOTS);
        recorder.clear();
        if (pfn[slot] == FrameTable.NO_PFN) {
            order[slot] = rnd.nextInt(4);
            pfn[slot] = mem.allocPages(Gfp.KERNEL, order[slot], Owner.PAGES, ExecContext.PROCESS);
            return pfn[slot];                        // returned, so the JIT keeps the work
        }
        mem.freePages(pfn[slot], order[slot]);
        pfn[slot] = FrameTable.NO_PFN;
        return slot;
    }
}
