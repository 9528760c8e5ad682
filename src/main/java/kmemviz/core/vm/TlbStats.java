package kmemviz.core.vm;

/** Counters of a {@link Tlb} since creation or the last reset. {@code pageFlushes} counts single-page INVLPGs. */
public record TlbStats(long accesses, long l1Hits, long stlbHits, long walks, long cycles,
                       long fullFlushes, long pageFlushes) {

    /** The counters a script checks with {@code expect tlb COUNTER OP N}, by the names the language gives them. */
    public enum Counter {
        ACCESSES("accesses"), L1_HITS("l1_hits"), STLB_HITS("stlb_hits"), WALKS("walks"), CYCLES_ESTIMATE("cycles_estimate"),
        /** Full flushes and single-page INVLPGs together. */
        FLUSHES("flushes");

        private final String keyword;

        Counter(String keyword) { this.keyword = keyword; }

        public String keyword() { return keyword; }

        /** The counter named {@code keyword}, or null. */
        public static Counter byKeyword(String keyword) {
            for (Counter c : values()) if (c.keyword.equals(keyword)) return c;
            return null;
        }
    }

    public long get(Counter counter) {
        return switch (counter) {
            case ACCESSES -> accesses;
            case L1_HITS -> l1Hits;
            case STLB_HITS -> stlbHits;
            case WALKS -> walks;
            case CYCLES_ESTIMATE -> cycles;
            case FLUSHES -> fullFlushes + pageFlushes;
        };
    }
}
