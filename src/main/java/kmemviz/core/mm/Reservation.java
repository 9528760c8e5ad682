package kmemviz.core.mm;

/** Memory that memblock keeps at boot and never hands to the buddy allocator (kernel image, memmap, firmware). */
public record Reservation(PfnRange range, String label) {
    public Reservation {
        if (range.isEmpty()) throw new IllegalArgumentException(label + ": an empty reservation");
    }
}
