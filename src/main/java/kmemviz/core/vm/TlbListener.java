package kmemviz.core.vm;

/**
 * What a {@link Tlb} reports, for animation. {@code tlb} is the index into {@link Tlb#structures()}; vpn is the
 * virtual page number in units of that entry's page size. Primitive arguments only: nothing is allocated per
 * event. Implementations must not call back into the Tlb.
 */
public interface TlbListener {
    default void hit(int tlb, int set, int way, long vpn) {}

    default void miss(int tlb, long vpn) {}

    default void fill(int tlb, int set, int way, long vpn, PageSize size) {}

    default void evict(int tlb, int set, int way, long vpn, PageSize size) {}

    /** One invalidated entry (INVLPG) or, with {@code full}, everything (start and end are then 0). */
    default void flush(long start, long end, boolean full) {}

    default void walk(long vaddr, PageSize size) {}
    /** One access is over; {@code result} is {@link Tlb#L1_HIT}, {@link Tlb#STLB_HIT} or {@link Tlb#WALK}. */
    default void accessDone(long vaddr, int result) {}
}
