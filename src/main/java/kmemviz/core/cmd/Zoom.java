package kmemviz.core.cmd;

import kmemviz.core.mm.ZoneType;

/**
 * {@code zoom p}, {@code zoom zone Normal}, {@code zoom pfn 0x100-0x1ff} (inclusive) or {@code zoom all}: where every
 * view points. Fields that a kind does not use are null or 0.
 */
public record Zoom(Kind kind, String variable, ZoneType zone, int firstPfn, int lastPfn) implements LessonCommand {
    public enum Kind {
        /** The allocation a variable holds, with a margin. */
        VARIABLE,
        ZONE,
        /** The frames firstPfn..lastPfn, both included. */
        PFNS,
        /** The whole machine. */
        ALL
    }

    public Zoom {
        if ((kind == Kind.VARIABLE) != (variable != null))
            throw new IllegalArgumentException("a variable goes with zoom VARIABLE only, got " + kind + "/" + variable);
        if ((kind == Kind.ZONE) != (zone != null))
            throw new IllegalArgumentException("a zone goes with zoom ZONE only, got " + kind + "/" + zone);
        if (kind == Kind.PFNS && (firstPfn < 0 || lastPfn < firstPfn))
            throw new IllegalArgumentException("a pfn range runs from a first pfn >= 0 to a last pfn >= it, got "
                    + firstPfn + "-" + lastPfn);
    }

    public static Zoom variable(String variable) { return new Zoom(Kind.VARIABLE, variable, null, 0, 0); }

    public static Zoom zone(ZoneType zone) { return new Zoom(Kind.ZONE, null, zone, 0, 0); }

    public static Zoom pfns(int firstPfn, int lastPfn) { return new Zoom(Kind.PFNS, null, null, firstPfn, lastPfn); }

    public static Zoom all() { return new Zoom(Kind.ALL, null, null, 0, 0); }

    public String text() {
        return switch (kind) {
            case VARIABLE -> "zoom " + variable;
            case ZONE -> "zoom zone " + zone.kernelName();
            case PFNS -> "zoom pfn 0x" + Integer.toHexString(firstPfn) + "-0x" + Integer.toHexString(lastPfn);
            case ALL -> "zoom all";
        };
    }

    public <R> R accept(LessonCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
