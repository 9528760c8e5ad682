package kmemviz.core.mm;

/**
 * Where the calling code runs, with the preempt_count and the task the kernel would see there
 * (include/linux/preempt.h). "atomic" is process context holding a spinlock.
 */
public enum ExecContext {
    PROCESS("process", 0x0, false, "insmod", 1234),
    ATOMIC("atomic", 0x1, false, "insmod", 1234),
    SOFTIRQ("softirq", 0x100, false, "ksoftirqd/0", 15),
    HARDIRQ("hardirq", 0x10000, true, "insmod", 1234);

    private final String keyword;
    private final int preemptCount;
    private final boolean irqsDisabled;
    private final String comm;
    private final int pid;

    ExecContext(String keyword, int preemptCount, boolean irqsDisabled, String comm, int pid) {
        this.keyword = keyword;
        this.preemptCount = preemptCount;
        this.irqsDisabled = irqsDisabled;
        this.comm = comm;
        this.pid = pid;
    }

    /** The word used by the {@code context} command. */
    public String keyword() { return keyword; }

    public boolean maySleep() { return preemptCount == 0 && !irqsDisabled; }

    public String comm() { return comm; }

    public int pid() { return pid; }

    public static ExecContext byKeyword(String word) {
        for (ExecContext c : values()) if (c.keyword.equals(word)) return c;
        return null;
    }

    /**
     * The report of __might_resched() (kernel/sched/core.c:8708-8732) for a sleeping call made here, with
     * CONFIG_DEBUG_ATOMIC_SLEEP on; {@code where} is the file:line of the might_sleep() that fired. The kernel
     * taints itself with W after the stack dump, so this report's own header shows the taint from before it.
     */
    public String sleepingBugReport(String where, Taint taint) {
        String text = "BUG: sleeping function called from invalid context at " + where + "\n"
                + "in_atomic(): " + (preemptCount != 0 ? 1 : 0) + ", irqs_disabled(): " + (irqsDisabled ? 1 : 0)
                + ", non_block: 0, pid: " + pid + ", name: " + comm + "\n"
                + "preempt_count: " + Integer.toHexString(preemptCount) + ", expected: 0\n"
                + "RCU nest depth: 0, expected: 0\n"
                + KernelText.dumpStackHeader(this, taint);
        taint.add(Taint.Flag.WARN);
        return text;
    }
}
