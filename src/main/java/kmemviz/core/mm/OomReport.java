package kmemviz.core.mm;

import java.util.Collection;

/**
 * The lines the OOM killer prints (mm/oom_kill.c, 6.12.118): dump_header(), dump_tasks(), dump_oom_victim(),
 * oom_kill_process()'s "Killed process" and the oom_reaper's "reaped process". A user process of the model is one
 * task whose total_vm is its resident anonymous memory; it has no page tables or swap entries of its own, uid 1000
 * and oom_score_adj 0.
 */
final class OomReport {
    private static final int UID = 1000;

    private OomReport() {}

    /** The pid the model gives a user process: its allocation id plus 1000, clear of the kernel's own tasks. */
    static int pid(Allocation process) { return process.id() + 1000; }

    /** dump_header()'s first line (mm/oom_kill.c:462-464). */
    static String invoked(String comm, int gfp, int order) {
        return comm + " invoked oom-killer: gfp_mask=0x" + Integer.toHexString(gfp) + "(" + Gfp.format(gfp) + "), order="
                + order + ", oom_score_adj=0\n";
    }

    /** dump_tasks() (mm/oom_kill.c:426-446) with dump_task()'s line (:404-410) for every eligible task, in pid order. */
    static String tasksState(Collection<Allocation> processes) {
        StringBuilder s = new StringBuilder("Tasks state (memory values in pages):\n"
                + "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n");
        for (Allocation p : processes) {
            long pages = p.nrPages();
            s.append(String.format("[%7d] %5d %5d %8d %8d %8d %8d %9d %8d %8d         %5d %s%n",
                    pid(p), UID, pid(p), pages, pages, pages, 0, 0, 0, 0, 0, p.caller()));
        }
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    /** dump_oom_victim() (mm/oom_kill.c:448-458) and oom_kill_process()'s message (:955-961). */
    static String killed(Allocation victim) {
        long kb = victim.nrPages() * (Profile.PAGE_SIZE / 1024);
        String name = victim.caller();
        int pid = pid(victim);
        return "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task="
                + name + ",pid=" + pid + ",uid=" + UID + "\n"
                + "Out of memory: Killed process " + pid + " (" + name + ") total-vm:" + kb + "kB, anon-rss:" + kb
                + "kB, file-rss:0kB, shmem-rss:0kB, UID:" + UID + " pgtables:0kB oom_score_adj:0";
    }

    /** oom_reap_task_mm()'s line (mm/oom_kill.c:599-603): the reaper has unmapped all anonymous memory. */
    static String reaped(Allocation victim) {
        return "oom_reaper: reaped process " + pid(victim) + " (" + victim.caller()
                + "), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB";
    }
}
