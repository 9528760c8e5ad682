package kmemviz.core.vm;

/** Counters of a {@link Tlb} since creation or the last reset. {@code pageFlushes} counts single-page INVLPGs. */
public record TlbStats(long accesses, long l1Hits, long stlbHits, long walks, long cycles,
                       long fullFlushes, long pageFlushes) {
}
