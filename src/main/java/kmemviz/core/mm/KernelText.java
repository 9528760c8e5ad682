package kmemviz.core.mm;

/** Pieces of text that several kernel reports share, in the 6.12 wording. */
public final class KernelText {
    public static final String RELEASE = "6.12.0";

    private KernelText() {}

    /** dump_stack()'s header for the task the context names (see {@link #dumpStackHeader(String, int, Taint)}). */
    public static String dumpStackHeader(ExecContext ctx, Taint taint) {
        return dumpStackHeader(ctx.comm(), ctx.pid(), taint);
    }

    /**
     * dump_stack_print_info() (lib/dump_stack.c:56-71): the CPU line with print_tainted(), then, once the kernel is
     * tainted, print_tainted_verbose()'s line. The call trace itself is left out of the model.
     */
    public static String dumpStackHeader(String comm, int pid, Taint taint) {
        String verbose = taint.printVerbose();
        return "CPU: 0 UID: 0 PID: " + pid + " Comm: " + comm + " " + taint.print() + " " + RELEASE + " #1\n"
                + (verbose == null ? "" : verbose + "\n")
                + "Call Trace: (not modelled)";
    }

    /**
     * A WARN_ON_ONCE() at a source line: __warn() (kernel/panic.c:780-819) prints the WARNING and the stack, and
     * only then taints the kernel with W, so the report's own header shows the taint from before it.
     */
    public static String warning(ExecContext ctx, Taint taint, String where, String function) {
        String text = "------------[ cut here ]------------\n"
                + "WARNING: CPU: 0 PID: " + ctx.pid() + " at " + where + " " + function + "\n"
                + dumpStackHeader(ctx, taint) + "\n"
                + "---[ end trace 0000000000000000 ]---";
        taint.add(Taint.Flag.WARN);
        return text;
    }
}
