package kmemviz.core.cmd;

import kmemviz.core.mm.Gfp;

/**
 * {@code p = kmalloc(size, gfp)}, {@code kzalloc(size, gfp)}, {@code kcalloc(n, size, gfp)} or
 * {@code kmalloc_array(n, size, gfp)}. {@code count} and {@code size} are size_t values kept as unsigned longs, so
 * that an overflowing {@code n * size} can be written and checked as check_mul_overflow() does.
 */
public record Kmalloc(String variable, Flavor flavor, long count, long size, int gfp, String caller) implements SlabCommand {
    public enum Flavor {
        KMALLOC("kmalloc"), KZALLOC("kzalloc"), KCALLOC("kcalloc"), KMALLOC_ARRAY("kmalloc_array");

        private final String function;

        Flavor(String function) { this.function = function; }

        public String function() { return function; }

        public boolean isArray() { return this == KCALLOC || this == KMALLOC_ARRAY; }
    }

    public Kmalloc {
        caller = caller == null ? "" : caller;
        if (!flavor.isArray() && count != 1) throw new IllegalArgumentException(flavor.function() + " takes no count");
    }

    /** The mask kmalloc() itself receives: kzalloc and kcalloc add __GFP_ZERO. */
    public int effectiveGfp() {
        return flavor == Flavor.KZALLOC || flavor == Flavor.KCALLOC ? gfp | Gfp.ZERO : gfp;
    }

    public String text() {
        String args = (flavor.isArray() ? Long.toUnsignedString(count) + ", " : "") + Long.toUnsignedString(size);
        return Texts.assign(variable, flavor.function() + "(" + args + ", " + Gfp.format(gfp) + ")", caller);
    }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
