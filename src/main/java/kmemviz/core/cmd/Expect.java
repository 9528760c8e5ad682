package kmemviz.core.cmd;

import kmemviz.core.vm.TlbStats;

/**
 * {@code expect ...}: a check in a script. Forms: {@code p != NULL}, {@code p == NULL}, {@code pfn(p) OP N},
 * {@code free ZONE OP N}, {@code nr_free ZONE ORDER OP N}, {@code ksize(p) OP N},
 * {@code tlb COUNTER OP N} (accesses, l1_hits, stlb_hits, walks, cycles_estimate, flushes).
 */
public record Expect(Subject subject, String argument, TlbStats.Counter counter, int order, Op op, long value, String source)
        implements Command {
    public enum Subject { POINTER, PFN, FREE, NR_FREE, KSIZE, TLB }

    /**
     * @param argument the variable or zone name; null for TLB
     * @param counter  the counter a TLB check reads; null for the other subjects
     */
    public Expect {
        if ((subject == Subject.TLB) != (counter != null))
            throw new IllegalArgumentException("a TLB counter goes with the tlb subject only, got " + subject + "/" + counter);
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
