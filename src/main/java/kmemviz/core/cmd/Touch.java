package kmemviz.core.cmd;

import kmemviz.core.mm.Profile;

/**
 * {@code touch p} (every page in order), {@code touch p random count=N seed=S}, {@code touch p stride=BYTES}:
 * accesses to an allocation that go through the TLB.
 */
public record Touch(String variable, Pattern pattern, long count, long seed, long strideBytes) implements VmCommand {
    public enum Pattern { SEQUENTIAL, RANDOM, STRIDE }

    /**
     * The most accesses one touch makes, so that one script line runs well under a second: when every access
     * misses the TLB and walks (random over a 1 GiB vmalloc on x86_64-16g), 10^6 of them took 0.33-0.49 s of CPU.
     */
    public static final long MAX_ACCESSES = 1_000_000;

    public Touch {
        if (pattern == Pattern.RANDOM && (count < 1 || count > MAX_ACCESSES))
            throw new IllegalArgumentException("count is 1.." + MAX_ACCESSES + ", was " + count);
        if (pattern == Pattern.STRIDE && strideBytes < 1)
            throw new IllegalArgumentException("a stride is at least 1 byte, was " + strideBytes);
    }

    public static Touch sequential(String variable) { return new Touch(variable, Pattern.SEQUENTIAL, 0, 0, 0); }

    /** How many accesses this touch makes over {@code lengthBytes} of memory (a sequential touch: one a page). */
    public long accesses(long lengthBytes) {
        return switch (pattern) {
            case SEQUENTIAL -> ceilDiv(lengthBytes, Profile.PAGE_SIZE);
            case RANDOM -> count;
            case STRIDE -> ceilDiv(lengthBytes, strideBytes);
        };
    }

    private static long ceilDiv(long a, long b) { return a / b + (a % b == 0 ? 0 : 1); }   // a + b - 1 could overflow

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
