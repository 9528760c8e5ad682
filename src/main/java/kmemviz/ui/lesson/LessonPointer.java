package kmemviz.ui.lesson;

import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Select;
import kmemviz.core.cmd.Zoom;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Pointer;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.ZoneSpan;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.frames.FreeAreaView;
import kmemviz.ui.view.frames.MapGeometry;
import kmemviz.ui.view.lesson.CaptionView;

/**
 * Points the views where the lesson says: {@code select p} selects p's allocation (the map, the inspector and the
 * mappings view follow the selection), {@code zoom ...} zooms the map, and the caption of {@code note p} stands next
 * to p's first frame. After any move the last select and zoom before the cursor hold, applied once each: a zoom the
 * presenter makes by hand stays until the lesson's next zoom. The buddy panel shows the zone selected or zoomed to, so
 * a lesson about Normal does not show DMA's lists, which come first.
 */
public final class LessonPointer {
    /** Frames shown around a zoomed allocation, as a share of its size, so that its neighbours are in view. */
    private static final int MARGIN_DIVISOR = 2;
    /** The band under a zoomed range left for the caption, so that it covers the frames after the range, not the range. */
    private static final int CAPTION_BAND_PX = kmemviz.ui.view.lesson.LessonStageView.CAPTION_BAND_PX;

    private final FrameMapView map;
    private final Selection selection;
    private final CaptionView caption;
    private final FreeAreaView freeArea;
    private Command selected, zoomed;

    public LessonPointer(FrameMapView map, Selection selection, CaptionView caption, FreeAreaView freeArea) {
        this.map = map;
        this.selection = selection;
        this.caption = caption;
        this.freeArea = freeArea;
        map.geometryProperty().addListener(o -> caption.relayout());     // a zoom or a resize moves the cells
    }

    /** After a move: the last select and zoom before the cursor hold. */
    void after(LessonPlayer player) {
        Select s = null;
        Zoom z = null;
        for (int i = player.cursor() - 1; i >= 0 && (s == null || z == null); i--) {
            Command c = player.steps().get(i).command();
            if (s == null && c instanceof Select sel) s = sel;
            if (z == null && c instanceof Zoom zm) z = zm;
        }
        Kernel k = player.kernel();
        if (s != selected && s != null) {
            Allocation a = allocation(k, s.variable());
            if (a != null) selection.select(a);
            if (a != null) freeArea.showZoneOf(Selection.pfnOf(a));
        }
        if (z != zoomed && z != null) zoom(k, z);
        selected = s;
        zoomed = z;
    }

    private void zoom(Kernel k, Zoom z) {
        switch (z.kind()) {
            case ALL -> map.zoomToRange(0, k.memory().frames().nrFrames(), CAPTION_BAND_PX);
            case PFNS -> zoomTo(z.firstPfn(), z.lastPfn() + 1, z.firstPfn());
            case ZONE -> {
                for (ZoneSpan span : k.profile().zones())
                    if (span.type() == z.zone()) zoomTo(span.span().startPfn(), span.span().endPfn(), span.span().startPfn());
            }
            case VARIABLE -> {
                Allocation a = allocation(k, z.variable());
                if (a == null) return;
                int[] range = frames(a);
                int margin = Math.max(8, (range[1] - range[0]) / MARGIN_DIVISOR);
                zoomTo(Math.max(0, range[0] - margin), Math.min(k.memory().frames().nrFrames(), range[1] + margin), range[0]);
            }
        }
    }

    /** Zooms the map to frames [lo, hi) and the buddy panel to the zone of pfn {@code at} (not a margin's zone). */
    private void zoomTo(int lo, int hi, int at) {
        map.zoomToRange(lo, hi, CAPTION_BAND_PX);
        freeArea.showZoneOf(at);
    }

    /** Puts the caption next to the allocation its note names (when the map shows it), or at the bottom of the stage. */
    void placeCaption(Note note, Kernel k) {
        Allocation a = note == null || note.variable() == null ? null : allocation(k, note.variable());
        if (a == null) {
            caption.placeAtBottom();
            return;
        }
        int[] range = frames(a);
        caption.placeNear(() -> {
            MapGeometry g = map.geometry();
            if (g == null || !CaptionView.showing(map) || map.getWidth() <= 0) return null;
            // the rows from the first frame's to the last's (a scattered area: the span of its pages)
            long top = g.cellY(range[0]), foot = g.cellY(range[1] - 1) + g.cellPx();
            if (foot < 0 || top > map.getHeight()) return null;       // scrolled out of the map: the bottom of the stage
            double y0 = Math.max(0, top), y1 = Math.min(map.getHeight(), foot);
            boolean oneRow = g.rowOf(range[0]) == g.rowOf(range[1] - 1);
            double x0 = oneRow ? g.cellX(range[0]) : 0, x1 = oneRow ? g.cellX(range[1] - 1) + g.cellPx() : g.mapWidthPx();
            return map.localToScene(new javafx.geometry.BoundingBox(x0, y0, x1 - x0, y1 - y0));
        });
    }

    private static Allocation allocation(Kernel k, String variable) {
        Pointer p = k.variables().get(variable);
        return p == null ? null : k.memory().allocations().get(p.allocId());
    }

    /** The frames [lo, hi) an allocation spans: its block, the span of its scattered pages, or its object's page. */
    private static int[] frames(Allocation a) {
        if (a.isBlock()) return new int[] {a.pfn(), a.pfn() + (1 << a.order())};
        if (a.pages() != null && !a.pages().isEmpty()) {
            int lo = Integer.MAX_VALUE, hi = 0;
            for (int i = 0; i < a.pages().size(); i++) { lo = Math.min(lo, a.pages().get(i)); hi = Math.max(hi, a.pages().get(i) + 1); }
            return new int[] {lo, hi};
        }
        int pfn = Selection.pfnOf(a);
        return new int[] {pfn, pfn + 1};
    }
}
