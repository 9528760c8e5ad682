package kmemviz.ui.view;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import kmemviz.core.mm.FrameTable;

/** The frame under the pointer and the selected frame and allocation, shared by the views and controllers. */
public final class Selection {
    private final IntegerProperty hoveredPfn = new SimpleIntegerProperty(this, "hoveredPfn", FrameTable.NO_PFN);
    private final IntegerProperty selectedPfn = new SimpleIntegerProperty(this, "selectedPfn", FrameTable.NO_PFN);
    private final IntegerProperty selectedAllocId = new SimpleIntegerProperty(this, "selectedAllocId", 0);

    public IntegerProperty hoveredPfnProperty() { return hoveredPfn; }

    public IntegerProperty selectedPfnProperty() { return selectedPfn; }

    /** The selected allocation's id, 0 for none. */
    public IntegerProperty selectedAllocIdProperty() { return selectedAllocId; }

    public int selectedPfn() { return selectedPfn.get(); }

    public int selectedAllocId() { return selectedAllocId.get(); }

    public void select(int pfn, int allocId) {
        selectedAllocId.set(allocId);
        selectedPfn.set(pfn);
    }

    public void clear() { select(FrameTable.NO_PFN, 0); }

    /** Selects an allocation and the frame that shows it: a block's head, a slab object's page, a first page. */
    public void select(kmemviz.core.mm.Allocation a) { select(pfnOf(a), a.id()); }

    public static int pfnOf(kmemviz.core.mm.Allocation a) {
        if (a.isBlock()) return a.pfn();
        if (a.isObject()) return (int) (a.objectAddress() >>> kmemviz.core.mm.Profile.PAGE_SHIFT);
        return a.pages() != null && !a.pages().isEmpty() ? a.pages().get(0) : FrameTable.NO_PFN;
    }

    /**
     * After a new machine or a replayed history (which reuses allocation ids), keep the selection only if it still
     * names a live allocation at the same frame; otherwise clear it, so that Free never hits something else.
     */
    public void dropIfDead(kmemviz.core.mm.PhysicalMemory mem) {
        int pfn = selectedPfn(), id = selectedAllocId();
        if (pfn == FrameTable.NO_PFN && id == 0) return;
        boolean frameOk = pfn >= 0 && pfn < mem.frames().nrFrames();
        kmemviz.core.mm.Allocation a = id == 0 ? null : mem.allocations().get(id);
        boolean allocOk = id == 0 || a != null && frameOk
                && (mem.frames().allocId(pfn) == id || a.isObject() && (a.objectAddress() >>> kmemviz.core.mm.Profile.PAGE_SHIFT) == pfn);
        if (!frameOk || !allocOk) clear();
    }
}
