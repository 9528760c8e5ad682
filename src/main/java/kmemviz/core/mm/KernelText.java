package kmemviz.core.mm;

/** Pieces of text that several kernel reports share, in the 6.12 wording. */
public final class KernelText {
    public static final String RELEASE = "6.12.0";

    private KernelText() {}

    /** dump_stack()'s header line (lib/dump_stack.c); the call trace itself is left out of the model. */
    public static String dumpStackHeader(ExecContext ctx) {
        return "CPU: 0 UID: 0 PID: " + ctx.pid() + " Comm: " + ctx.comm() + " Not tainted " + RELEASE + " #1\n"
                + "Call Trace: (not modelled)";
    }

    /** A WARN_ON_ONCE() at a source line (include/asm-generic/bug.h, kernel/panic.c). */
    public static String warning(ExecContext ctx, String where, String function) {
        return "------------[ cut here ]------------\n"
                + "WARNING: CPU: 0 PID: " + ctx.pid() + " at " + where + " " + function + "\n"
                + dumpStackHeader(ctx) + "\n"
                + "---[ end trace 0000000000000000 ]---";
    }
}
