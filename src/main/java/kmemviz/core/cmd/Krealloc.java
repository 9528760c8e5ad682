package kmemviz.core.cmd;

import kmemviz.core.mm.Gfp;

/** {@code q = krealloc(p, size, gfp)}. */
public record Krealloc(String variable, Target target, long size, int gfp, String caller) implements SlabCommand {
    public Krealloc { caller = caller == null ? "" : caller; }

    public String text() {
        return Texts.assign(variable, "krealloc(" + target.text() + ", " + Long.toUnsignedString(size) + ", "
                + Gfp.format(gfp) + ")", caller);
    }

    public <R> R accept(SlabCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
