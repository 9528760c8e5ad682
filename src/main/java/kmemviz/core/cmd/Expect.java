package kmemviz.core.cmd;

import kmemviz.core.mm.MigrateType;
import kmemviz.core.vm.TlbStats;

/**
 * {@code expect ...}: a check in a script. Forms: {@code p != NULL}, {@code p == NULL}, {@code pfn(p) OP N},
 * {@code free ZONE OP N}, {@code nr_free ZONE ORDER OP N}, {@code ksize(p) OP N},
 * {@code tlb COUNTER OP N} (accesses, l1_hits, stlb_hits, walks, cycles_estimate, flushes),
 * {@code report "TEXT"} (a kernel report of the last state-changing command contains TEXT) and {@code no report}
 * (that command reported nothing). The two report forms compare nothing, so their {@code op} is null.
 * What /proc/pagetypeinfo, zoneinfo's pagesets and debugfs's extfrag files show: {@code nr_free ZONE ORDER TYPE OP N}
 * (free blocks of one migrate type), {@code pageblocks ZONE TYPE OP N}, {@code pcp ZONE CPU OP N} (the CPU's
 * pcp->count), {@code pcp_high ZONE CPU OP N}, and {@code extfrag ZONE ORDER OP X} and {@code unusable ZONE ORDER OP X},
 * X written as the files print it (0.923, -1.000) and kept in thousandths, so the comparison is the printed one.
 */
public record Expect(Subject subject, String argument, TlbStats.Counter counter, int order, int cpu, MigrateType type,
                     Op op, long value, String source) implements Command {
    public enum Subject {
        POINTER, PFN, FREE, NR_FREE, KSIZE, TLB, REPORT, NO_REPORT, PCP, PCP_HIGH, PAGEBLOCKS, EXTFRAG, UNUSABLE;

        /** Whether the check reads the last command's kernel reports rather than a value of the state. */
        public boolean readsReports() { return this == REPORT || this == NO_REPORT; }

        /** Whether the value is an index in thousandths, written and shown as "%d.%03d". */
        public boolean inThousandths() { return this == EXTFRAG || this == UNUSABLE; }
    }

    /**
     * @param argument the variable or zone name; the text a report must contain for REPORT; null for TLB and NO_REPORT
     * @param counter  the counter a TLB check reads; null for the other subjects
     * @param order    the order of NR_FREE, EXTFRAG and UNUSABLE
     * @param cpu      the CPU of PCP and PCP_HIGH
     * @param type     the migrate type of PAGEBLOCKS (required) and NR_FREE (optional); null otherwise
     * @param op       the comparison; null exactly for the report subjects
     */
    public Expect {
        if ((subject == Subject.PAGEBLOCKS) && type == null) throw new IllegalArgumentException("expect pageblocks needs a migrate type");
        if (type != null && subject != Subject.PAGEBLOCKS && subject != Subject.NR_FREE)
            throw new IllegalArgumentException("a migrate type goes with nr_free and pageblocks only, got " + subject);
        if ((subject == Subject.TLB) != (counter != null))
            throw new IllegalArgumentException("a TLB counter goes with the tlb subject only, got " + subject + "/" + counter);
        if (subject.readsReports() == (op != null))
            throw new IllegalArgumentException(subject + (op == null ? " needs a comparison" : " compares nothing, got " + op));
        if (subject == Subject.REPORT && (argument == null || argument.isEmpty()))
            throw new IllegalArgumentException("expect report needs the text the report contains");
    }

    /** The forms without a CPU or a migrate type. */
    public Expect(Subject subject, String argument, TlbStats.Counter counter, int order, Op op, long value, String source) {
        this(subject, argument, counter, order, 0, null, op, value, source);
    }

    /** {@code expect report "TEXT"}, or {@code expect no report} when {@code text} is null. */
    public static Expect report(String text, String source) {
        return new Expect(text == null ? Subject.NO_REPORT : Subject.REPORT, text, null, 0, null, 0, source);
    }

    public String text() { return "expect " + source; }

    public boolean changesState() { return false; }

    public boolean holds(long actual) { return op.holds(actual, value); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }

    /** The comparisons an expect line can make, by their C operators. */
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }

        /** The operator written {@code symbol}. */
        public static Op of(String symbol) {
            for (Op op : values()) if (op.symbol.equals(symbol)) return op;
            throw new IllegalArgumentException("not a comparison: " + symbol);
        }

        public boolean holds(long actual, long expected) {
            return switch (this) {
                case EQ -> actual == expected;
                case NE -> actual != expected;
                case LT -> actual < expected;
                case LE -> actual <= expected;
                case GT -> actual > expected;
                case GE -> actual >= expected;
            };
        }
    }
}
