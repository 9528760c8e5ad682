package kmemviz.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import kmemviz.core.cmd.Replay;
import kmemviz.core.mm.Profiles;

/** Seeded kmem traces for the replay tests, and the reference they are compared with: a whole replay of a prefix. */
public final class GeneratedTraces {
    private GeneratedTraces() {}

    /**
     * A seeded trace on the classroom machine's Normal zone: page blocks of order 0-2 at their own pfns and their
     * frees, kmalloc/kfree, other events, a malformed line and a free of a pointer never allocated, CRLF line ends on
     * some lines, so that the byte where a part resumes is tested across both line ends.
     */
    public static String classroom(int nrLines, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] order = new int[64];
        java.util.Arrays.fill(order, -1);
        boolean[] live = new boolean[32];
        StringBuilder sb = new StringBuilder("# tracer: nop\n");
        for (int i = 1; i < nrLines; i++) {
            String prefix = "            bash-1234    [00" + (i & 3) + "] d..1.   " + (100 + i) + ".000001: ";
            int kind = r.nextInt(20), slot = r.nextInt(64);
            String body;
            if (kind < 9) {
                int pfn = 0x200 + 4 * slot;
                if (order[slot] < 0) {
                    order[slot] = r.nextInt(3);
                    body = "mm_page_alloc: page=0000000000000001 pfn=0x" + Integer.toHexString(pfn) + " order=" + order[slot] + " migratetype=0 gfp_flags=GFP_KERNEL";
                } else {
                    body = "mm_page_free: page=0000000000000001 pfn=0x" + Integer.toHexString(pfn) + " order=" + order[slot];
                    order[slot] = -1;
                }
            } else if (kind < 17) {
                int s = slot & 31;
                String ptr = String.format("%016x", 0x10_0000_0000L + s);
                body = live[s] ? "kfree: call_site=putname+0x53/0x60 ptr=" + ptr
                        : "kmalloc: call_site=getname_flags+0x47/0x1f0 ptr=" + ptr + " bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL";
                live[s] = !live[s];
            } else if (kind == 17) {
                body = "sched_switch: prev_comm=bash prev_pid=1234";
            } else if (kind == 18) {
                body = "kfree: call_site=putname+0x53/0x60 ptr=00000000deadbeef";
            } else {
                body = "mm_page_alloc: page= pfn=zz order=";
            }
            sb.append(prefix).append(body).append(r.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    /**
     * A fresh classroom kernel after {@code replay FILE} of the first {@code lines} lines of {@code text}, from a file
     * named {@code name} (in a folder of its own under {@code dir}), so that even the replay summary names the same file.
     */
    public static Kernel wholeReplayOfPrefix(Path dir, String name, String text, long lines) throws IOException {
        StringBuilder prefix = new StringBuilder();
        int at = 0;
        for (long n = 0; n < lines && at < text.length(); n++) {
            int end = text.indexOf('\n', at);
            end = end < 0 ? text.length() : end + 1;
            prefix.append(text, at, end);
            at = end;
        }
        Path folder = Files.createDirectories(dir.resolve("prefix-" + lines));
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        Outcome out = k.execute(new Replay(Files.writeString(folder.resolve(name), prefix)));
        if (out.status() != Outcome.Status.OK) throw new IllegalStateException(out.message());
        return k;
    }
}
