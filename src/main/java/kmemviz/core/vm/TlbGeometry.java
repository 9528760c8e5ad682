package kmemviz.core.vm;

import java.util.EnumSet;
import java.util.Set;

/** One set-associative TLB: {@code entries / ways} sets, holding translations of the listed page sizes. */
public record TlbGeometry(String name, int entries, int ways, Set<PageSize> pageSizes) {
    public TlbGeometry {
        if (ways <= 0 || entries <= 0 || entries % ways != 0)
            throw new IllegalArgumentException(name + ": entries (" + entries + ") must be a positive multiple of ways (" + ways + ")");
        if (pageSizes == null || pageSizes.isEmpty()) throw new IllegalArgumentException(name + ": needs a page size");
        pageSizes = Set.copyOf(EnumSet.copyOf(pageSizes));
    }

    public TlbGeometry(String name, int entries, int ways, PageSize first, PageSize... rest) {
        this(name, entries, ways, EnumSet.of(first, rest));
    }

    public int sets() { return entries / ways; }
}
