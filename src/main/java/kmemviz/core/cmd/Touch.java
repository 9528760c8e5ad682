package kmemviz.core.cmd;

/**
 * {@code touch p} (every page in order), {@code touch p random count=N seed=S}, {@code touch p stride=BYTES}:
 * accesses to an allocation that go through the TLB.
 */
public record Touch(String variable, Pattern pattern, long count, long seed, long strideBytes) implements VmCommand {
    public enum Pattern { SEQUENTIAL, RANDOM, STRIDE }

    public static Touch sequential(String variable) { return new Touch(variable, Pattern.SEQUENTIAL, 0, 0, 0); }

    public String text() {
        return switch (pattern) {
            case SEQUENTIAL -> "touch " + variable;
            case RANDOM -> "touch " + variable + " random count=" + count + " seed=" + seed;
            case STRIDE -> "touch " + variable + " stride=" + strideBytes;
        };
    }

    public boolean printsResult() { return true; }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
