package kmemviz.core.vm;

/** What one workload run cost; {@code faults} counts accesses to unmapped addresses (not fed to the TLB). */
public record WorkloadSummary(long accesses, long l1Hits, long stlbHits, long walks, long cycles, long faults) {
}
