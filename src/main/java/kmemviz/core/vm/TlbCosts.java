package kmemviz.core.vm;

/**
 * Cycles charged for one access by where its translation came from. Model parameters, not measurements:
 * the reference gives about 12 cycles for an STLB hit on Haswell and about 20 for a walk served from cache.
 */
public record TlbCosts(int l1Hit, int stlbHit, int walk) {
    public static final TlbCosts DEFAULT = new TlbCosts(1, 9, 30);

    public TlbCosts {
        if (l1Hit < 0 || stlbHit < 0 || walk < 0) throw new IllegalArgumentException("costs must be >= 0");
    }
}
