package kmemviz.core.mm;

/**
 * The kernel's taint mask for one boot (tainted_mask in kernel/panic.c): set by the first SLUB BUG, WARNING or
 * sleeping-function BUG and never cleared, so every later {@code CPU: ... Comm: ...} header says {@code Tainted:}.
 * Single-threaded like the rest of the core; a checkpoint copies it with the memory it belongs to.
 */
public final class Taint {
    /**
     * taint_flags[] of kernel/panic.c:554-574 (6.12.118), in bit order: the letter when set, the one when clear.
     * Only BAD_PAGE and WARN are ever set by the model; the others keep their place in the printed columns.
     */
    public enum Flag {
        PROPRIETARY_MODULE('P', 'G'), FORCED_MODULE('F', ' '), CPU_OUT_OF_SPEC('S', ' '), FORCED_RMMOD('R', ' '),
        MACHINE_CHECK('M', ' '), BAD_PAGE('B', ' '), USER('U', ' '), DIE('D', ' '), OVERRIDDEN_ACPI_TABLE('A', ' '),
        WARN('W', ' '), CRAP('C', ' '), FIRMWARE_WORKAROUND('I', ' '), OOT_MODULE('O', ' '), UNSIGNED_MODULE('E', ' '),
        SOFTLOCKUP('L', ' '), LIVEPATCH('K', ' '), AUX('X', ' '), RANDSTRUCT('T', ' '), TEST('N', ' ');

        final char set, clear;

        Flag(char set, char clear) {
            this.set = set;
            this.clear = clear;
        }
    }

    private int mask;

    public Taint() {}

    /** A copy for a checkpoint. */
    public Taint copy() {
        Taint t = new Taint();
        t.mask = mask;
        return t;
    }

    /** add_taint(). */
    public void add(Flag flag) { mask |= 1 << flag.ordinal(); }

    public boolean isSet(Flag flag) { return (mask & 1 << flag.ordinal()) != 0; }

    /** print_tainted() (kernel/panic.c:578-631): "Not tainted", or "Tainted: " and one column per flag. */
    public String print() {
        if (mask == 0) return "Not tainted";
        StringBuilder s = new StringBuilder("Tainted: ");
        for (Flag f : Flag.values()) s.append(isSet(f) ? f.set : f.clear);
        return s.toString();
    }

    /**
     * print_tainted_verbose(): "Tainted: [B]=BAD_PAGE, [W]=WARN", the line dump_stack_print_info() adds under the
     * CPU line once the kernel is tainted (lib/dump_stack.c:70-71); null when it is not.
     */
    public String printVerbose() {
        if (mask == 0) return null;
        StringBuilder s = new StringBuilder("Tainted: ");
        String sep = "";
        for (Flag f : Flag.values()) {
            if (!isSet(f)) continue;
            s.append(sep).append('[').append(f.set).append("]=").append(f.name());
            sep = ", ";
        }
        return s.toString();
    }
}
