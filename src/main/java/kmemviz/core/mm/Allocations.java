package kmemviz.core.mm;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The live allocations by id, in the order they were made. Ids are never reused within a boot. */
public final class Allocations {
    private final Map<Integer, Allocation> byId = new LinkedHashMap<>();
    private int lastId;

    /**
     * A copy for a checkpoint, in the same order. The records are immutable and shared, except the page list of a
     * scattered allocation, which grows and shrinks and is copied.
     */
    Allocations copy() {
        Allocations c = new Allocations();
        c.lastId = lastId;
        for (Allocation a : byId.values()) c.byId.put(a.id(), a.pages() == null ? a : a.withPages(a.pages().copy()));
        return c;
    }

    int nextId() { return ++lastId; }

    /** The last id given, to a live allocation or not. */
    public int lastId() { return lastId; }

    void add(Allocation a) { byId.put(a.id(), a); }

    void remove(int id) { byId.remove(id); }

    public Allocation get(int id) { return byId.get(id); }

    public Collection<Allocation> all() { return Collections.unmodifiableCollection(byId.values()); }

    public int size() { return byId.size(); }
}
