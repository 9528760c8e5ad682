package kmemviz.core.cmd;

import kmemviz.core.mm.ZoneType;

/**
 * {@code compact}: a write to /proc/sys/vm/compact_memory, every zone compacted whole; {@code compact zone Normal}:
 * only that zone (the kernel has no file for one zone; the model runs the same compact_zone() on it alone).
 *
 * @param zone the zone to compact, or null for all of them
 */
public record Compact(ZoneType zone) implements Command {
    public String text() { return zone == null ? "compact" : "compact zone " + zone.kernelName(); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
