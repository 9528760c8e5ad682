package kmemviz.core.cmd;

/**
 * {@code expect ...}: a check in a script. Forms: {@code p != NULL}, {@code p == NULL}, {@code pfn(p) OP N},
 * {@code free ZONE OP N}, {@code nr_free ZONE ORDER OP N}, {@code ksize(p) OP N},
 * {@code tlb COUNTER OP N} (accesses, l1_hits, stlb_hits, walks, cycles_estimate, flushes).
 */
public record Expect(Subject subject, String argument, int order, String op, long value, String source)
        implements Command {
    public enum Subject { POINTER, PFN, FREE, NR_FREE, KSIZE, TLB }

    public String text() { return "expect " + source; }

    public boolean changesState() { return false; }

    public boolean holds(long actual) {
        return switch (op) {
            case "==" -> actual == value;
            case "!=" -> actual != value;
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            case ">" -> actual > value;
            case ">=" -> actual >= value;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
