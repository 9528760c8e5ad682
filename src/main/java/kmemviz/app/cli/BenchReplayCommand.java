package kmemviz.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.Replay;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import kmemviz.core.trace.ReplayCount;
import kmemviz.core.trace.ReplaySummary;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code bench replay}: writes a seeded trace of {@code --events} kmem events in 6.12's text (not timed), then times
 * reading and applying it as one {@code replay} on x86_64-16g. The mix: page events (50%) as 6.12 prints them with
 * pcp=on, each page slot going from free to a CPU's per-CPU list by a refill (mm_page_alloc_zone_locked
 * percpu_refill=1), allocated from its list's head (mm_page_alloc), freed to its head (mm_page_free) and drained from
 * its tail (mm_page_pcpu_drain); kmalloc of 8 bytes to 8 KiB and kfree (40%); kmem_cache_alloc and kmem_cache_free
 * (10%); over {@value #SLOTS} slots that are each empty or live, so that what is live at the end does not grow with
 * the trace's length. The rate is per second of the wall clock ({@code replay_total_ms}, GC included): the target is the
 * time a person waits, and the replay reads and parses on one thread while it applies on another, so no one thread's
 * CPU time measures it. {@code replay_cpu_ms} is the process's CPU time (both threads, the JIT and GC): on a shared
 * machine, where the wall clock includes waiting for a core, it says how much work the replay is.
 * {@code replay_heap_mib} is the heap in use after a GC with the trace's end state live: compare it at 100,000 and
 * 1,000,000 events to see that the trace is streamed.
 */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Parse and apply a generated 1,000,000-event kmem trace on x86_64-16g; prints events/s and ms.")
public final class BenchReplayCommand implements Callable<Integer> {
    static final int SLOTS = 4_096;
    // Page slot i owns the 16 frames at NORMAL_BASE + 16 i: slots never overlap, so every traced block is free.
    private static final long NORMAL_BASE = 0x200000;

    @Option(names = "--events", defaultValue = "1000000", description = "kmem events in the trace (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the mix (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        Path trace = Files.createTempFile("kmemviz-bench-", ".trace");
        try {
            write(trace, events, seed);
            Kernel k = new Kernel(Profiles.builtIn("x86_64-16g"));
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long t0 = System.nanoTime(), cpu0 = os.getProcessCpuTime();
            Outcome out = k.execute(new Replay(trace));
            double ms = (System.nanoTime() - t0) / 1e6, cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
            if (out.status() != Outcome.Status.OK) throw new IllegalStateException(out.message());
            ReplaySummary s = k.lastReplay();
            if (s.problems() != 0 || s.count(ReplayCount.PCP_REFILL) == 0)
                throw new IllegalStateException("the generated trace had problems or left the per-CPU lists out:\n" + s.render());
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("replay_events_per_s %.0f events/s%n", s.events() / (ms / 1000));
            System.out.printf("replay_cpu_ms %.0f ms%n", cpuMs);
            System.out.printf("replay_total_ms %.0f ms%n", ms);
            System.out.printf("replay_events %d events%n", s.events());
            System.out.printf("replay_heap_mib %.1f MiB%n", (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024));
            return 0;
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    /** The seeded trace: 6.12's prefix and bodies, hashed pointers, hex pfns. */
    static void write(Path file, int nrEvents, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        PageSlots pages = new PageSlots();
        boolean[] object = new boolean[SLOTS], cacheObject = new boolean[SLOTS];
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("# tracer: nop\n#\n");
            for (int i = 0; i < nrEvents; i++) {
                int slot = r.nextInt(SLOTS), kind = r.nextInt(10);
                int cpu = kind < 5 ? PageSlots.cpuOf(slot) : slot & (CPUS - 1);
                w.write("            bash-1234    [00" + cpu + "] d..1.   " + (100 + i / 1_000_000) + "."
                        + (1_000_000 + i % 1_000_000 + "").substring(1) + ": ");
                if (kind < 5) {
                    w.write(pages.next(slot, r));
                } else if (kind < 9) {
                    String ptr = hashed(0x10_0000_0000L + slot);
                    if (!object[slot]) {
                        int req = 8 + r.nextInt(8185);
                        w.write("kmalloc: call_site=getname_flags+0x47/0x1f0 ptr=" + ptr + " bytes_req=" + req + " bytes_alloc="
                                + Integer.highestOneBit(Math.max(8, req - 1) * 2) + " gfp_flags=GFP_KERNEL node=-1 accounted=false\n");
                    } else {
                        w.write("kfree: call_site=putname+0x53/0x60 ptr=" + ptr + "\n");
                    }
                    object[slot] = !object[slot];
                } else {
                    String ptr = hashed(0x20_0000_0000L + slot);
                    w.write(cacheObject[slot]
                            ? "kmem_cache_free: call_site=do_sys_openat2+0xa7/0xd0 ptr=" + ptr + " name=names_cache\n"
                            : "kmem_cache_alloc: call_site=alloc_empty_file+0x6b/0x110 ptr=" + ptr
                                    + " bytes_req=360 bytes_alloc=384 gfp_flags=GFP_KERNEL node=-1 accounted=false\n");
                    cacheObject[slot] = !cacheObject[slot];
                }
            }
        }
    }

    private static final int CPUS = 4;

    /**
     * The page slots' blocks and the per-CPU lists they sit on, as the kernel would print their moves. Slot i owns the 16
     * frames at NORMAL_BASE + 16 i and one CPU, so slots never overlap; Normal's pageblocks are Movable after boot,
     * so the pages are Movable, and each list is kept in order, so that an allocation names its head and a drain
     * its tail, as __rmqueue_pcplist() and free_pcppages_bulk() take them.
     */
    private static final class PageSlots {
        private final int[] order = new int[SLOTS];                 // of the block in the slot, or -1 while free
        private final boolean[] live = new boolean[SLOTS];           // allocated, else on its CPU's list
        // [cpu * 4 + order]: the slots on that list, head first
        private final java.util.List<java.util.ArrayDeque<Integer>> lists = new java.util.ArrayList<>();

        PageSlots() {
            java.util.Arrays.fill(order, -1);
            for (int l = 0; l < CPUS * 4; l++) lists.add(new java.util.ArrayDeque<>());
        }

        static int cpuOf(int slot) { return slot & (CPUS - 1); }

        /** The next event of slot {@code slot}'s block (or of its list's head or tail), with its line end. */
        String next(int slot, SplittableRandom r) {
            int cpu = cpuOf(slot);
            if (order[slot] < 0) {                                   // rmqueue_bulk() refills the list's tail
                int o = r.nextInt(4);
                order[slot] = o;
                lists.get(cpu * 4 + o).addLast(slot);
                return "mm_page_alloc_zone_locked: page=" + page(slot) + " order=" + o + " migratetype=1 percpu_refill=1\n";
            }
            if (live[slot]) {                                        // free_unref_page() to the list's head
                live[slot] = false;
                lists.get(cpu * 4 + order[slot]).addFirst(slot);
                return "mm_page_free: page=" + page(slot) + " order=" + order[slot] + "\n";
            }
            var list = lists.get(cpu * 4 + order[slot]);
            if (r.nextBoolean()) {
                int head = list.removeFirst();
                live[head] = true;
                return "mm_page_alloc: page=" + page(head) + " order=" + order[head] + " migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE\n";
            }
            int tail = list.removeLast();
            int o = order[tail];
            order[tail] = -1;
            return "mm_page_pcpu_drain: page=" + page(tail) + " order=" + o + " migratetype=1\n";
        }

        private static String page(int slot) {
            long pfn = NORMAL_BASE + 16L * slot;
            return hashed(pfn) + " pfn=0x" + Long.toHexString(pfn);
        }
    }

    /** A pointer as %p prints it from 4.15: 16 hex digits, hashed (here simply the value, zero-padded). */
    private static String hashed(long value) {
        String hex = Long.toHexString(value);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
