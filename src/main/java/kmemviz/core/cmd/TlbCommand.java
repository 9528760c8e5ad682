package kmemviz.core.cmd;

import kmemviz.core.vm.Tlb;

/**
 * {@code tlb flush} (flush_tlb_all), {@code tlb reset} (zero the counters), {@code tlb NAME ENTRIES WAYS}
 * (resize one TLB: l1-4k, l1-2m, l1-1g, stlb), {@code tlb costs L1 STLB WALK} (cycles of each outcome).
 *
 * @param structure the TLB that GEOMETRY resizes; null for the other actions
 */
public record TlbCommand(Action action, Tlb.Structure structure, int a, int b, int c) implements VmCommand {
    public enum Action { FLUSH, RESET, GEOMETRY, COSTS }

    public String text() {
        return switch (action) {
            case FLUSH -> "tlb flush";
            case RESET -> "tlb reset";
            case GEOMETRY -> "tlb " + structure.keyword() + " " + a + " " + b;
            case COSTS -> "tlb costs " + a + " " + b + " " + c;
        };
    }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
