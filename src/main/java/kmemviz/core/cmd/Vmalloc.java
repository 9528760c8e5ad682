package kmemviz.core.cmd;

import kmemviz.core.mm.Gfp;

/**
 * {@code v = vmalloc(size)}, {@code vzalloc(size)}, {@code kvmalloc(size, gfp)} or {@code kvzalloc(size, gfp)}.
 * vmalloc and vzalloc take no mask: they are GFP_KERNEL (with __GFP_ZERO for vzalloc).
 */
public record Vmalloc(String variable, Flavor flavor, long size, int gfp, String caller) implements VmCommand {
    public enum Flavor {
        VMALLOC("vmalloc", false), VZALLOC("vzalloc", false), KVMALLOC("kvmalloc", true), KVZALLOC("kvzalloc", true);

        private final String function;
        private final boolean takesGfp;

        Flavor(String function, boolean takesGfp) {
            this.function = function;
            this.takesGfp = takesGfp;
        }

        public String function() { return function; }

        public boolean takesGfp() { return takesGfp; }
    }

    public Vmalloc {
        caller = caller == null ? "" : caller;
        if (!flavor.takesGfp()) gfp = Gfp.KERNEL;
    }

    /** The mask the allocation really uses: vzalloc and kvzalloc add __GFP_ZERO. */
    public int effectiveGfp() {
        return flavor == Flavor.VZALLOC || flavor == Flavor.KVZALLOC ? gfp | Gfp.ZERO : gfp;
    }

    public String text() {
        String args = Long.toUnsignedString(size) + (flavor.takesGfp() ? ", " + Gfp.format(gfp) : "");
        return Texts.assign(variable, flavor.function() + "(" + args + ")", caller);
    }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
