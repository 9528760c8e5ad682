package kmemviz.ui.view.tlb;

/** Mouse moves over the TLB grids, turned into the tooltip of the entry under the pointer. No drawing here. */
public final class TlbInput {
    public TlbInput(TlbView view) {
        view.setOnMouseMoved(e -> view.tipAt(view.slotAt(e.getX(), e.getY())));
        view.setOnMouseExited(e -> view.tipAt(null));
    }
}
