package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.AllocPages;
import kmemviz.core.mm.Gfp;
import kmemviz.ui.view.frames.MapGeometry;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** On a large machine undo and redo run in the background and hand the views a new copy: the zoom and scroll stay. */
class UndoZoomFxTest extends AppFxTest {
    @Test
    void undoAndRedoOnX86_64_16gKeepTheZoomLevelAndTheFirstRowShown() throws Exception {
        AppFixture.fx(() -> { w.files.boot("x86_64-16g"); return null; });
        AppFixture.idle(w);
        AppFixture.fx(() -> {
            for (int i = 0; i < 6; i++) w.map.zoomIn();
            w.map.scrollRows(500);
            return null;
        });
        MapGeometry before = AppFixture.fx(() -> w.map.geometry());
        assertThat(before.firstRow()).as("scrolled").isPositive();
        AppFixture.fx(() -> w.kernel.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 3, "")));
        WaitForAsyncUtils.waitForFxEvents();
        AppFixture.fx(() -> { w.history.undo(); return null; });
        AppFixture.idle(w);
        MapGeometry afterUndo = AppFixture.fx(() -> w.map.geometry());
        assertThat(afterUndo.level()).isEqualTo(before.level());
        assertThat(afterUndo.firstRow()).isEqualTo(before.firstRow());
        assertThat(AppFixture.fx(() -> w.status.getText())).startsWith("Undone: p = alloc_pages");
        AppFixture.fx(() -> { w.history.redo(); return null; });
        AppFixture.idle(w);
        MapGeometry afterRedo = AppFixture.fx(() -> w.map.geometry());
        assertThat(afterRedo.level()).isEqualTo(before.level());
        assertThat(afterRedo.firstRow()).isEqualTo(before.firstRow());
    }
}
