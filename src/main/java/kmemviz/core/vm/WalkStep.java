package kmemviz.core.vm;

/** One level of a page walk: which table was read, at which index, and the entry found there (0 = none). */
public record WalkStep(String level, int tablePfn, int index, long entry) {
    public WalkStep {
        if (level == null) throw new IllegalArgumentException("level name is required");
        if (index < 0) throw new IllegalArgumentException(level + ": index must be >= 0, was " + index);
    }

    public boolean present() { return (entry & PageTables.PRESENT) != 0; }
}
