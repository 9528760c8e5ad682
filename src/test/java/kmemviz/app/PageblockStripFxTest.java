package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import kmemviz.core.mm.MigrateType;
import kmemviz.ui.view.ViewColour;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pageblock strip beside the map, the map coloured by migrate type (Ctrl+Shift+M, the legend's toggle) with the
 * legend listing the types, and the classroom's button that boots it with per-CPU lists and migrate types on.
 */
class PageblockStripFxTest extends AppFxTest {
    private boolean listed(String text) throws Exception {
        return AppFixture.fx(() -> w.legend.getChildren().stream().filter(Label.class::isInstance).map(Label.class::cast)
                .filter(l -> l.getText().equals(text)).findFirst().orElseThrow().isVisible());
    }

    @Test
    void theClassroomButtonTurnsOnMigrateTypesAsAnUndoableMachineCommandAndTheStripShowsTheClaimedPageblock(FxRobot robot) throws Exception {
        assertThat(w.kernel.profile().migratetypes()).isFalse();
        assertThat(AppFixture.fx(() -> w.pageblocks.isVisible())).as("no strip with migratetypes=off").isFalse();
        assertThat(AppFixture.fx(() -> w.classroomToggle.button().isVisible())).isTrue();
        assertThat(AppFixture.fx(() -> w.classroomToggle.button().getTooltip().getText())).contains("pcp=on migratetypes=on");

        robot.clickOn("#classroom-allocator-toggle");
        AppFixture.idle(w);
        assertThat(w.kernel.profile().pcp()).isTrue();
        assertThat(w.kernel.profile().migratetypes()).isTrue();
        assertThat(AppFixture.fx(() -> w.classroomToggle.button().getText())).contains("textbook");
        assertThat(AppFixture.fx(() -> w.pageblocks.isVisible())).isTrue();

        // classroom has 1,024 frames, below 2,560: grouping by mobility is off and every request is Unmovable, so
        // the first allocation turns a Movable pageblock Unmovable.
        AppFixture.fx(() -> { w.runner.execute(new kmemviz.core.cmd.ScriptParser("t").parseLine("a = alloc_pages(GFP_KERNEL, 0)", 1)); return null; });
        AppFixture.idle(w);
        AppFixture.fx(() -> { w.animator.finish(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        int unmovable = AppFixture.fx(() -> w.pageblocks.painter().type()[MigrateType.UNMOVABLE.ordinal()]);
        int[] px = AppFixture.fx(() -> w.pageblocks.pixels());
        assertThat(px).contains(unmovable);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M).release(KeyCode.M, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.map.colourByMigrateTypeProperty().get()).isTrue();
        assertThat(listed("Unmovable")).isTrue();
        assertThat(listed("HighAtomic")).as("no HighAtomic pageblock").isFalse();
        assertThat(listed("user process")).as("owners are not what the colours mean now").isFalse();
        int[] cells = AppFixture.fx(() -> w.map.paintCells(1));
        int colour = AppFixture.fx(() -> kmemviz.ui.view.DrawListReplay.argb(w.map.migrateTypeColourProperty(MigrateType.UNMOVABLE).get()));
        assertThat(cells).contains(colour);

        robot.clickOn("#legend-migratetype-toggle");
        assertThat(w.map.colourByMigrateTypeProperty().get()).isFalse();
        assertThat(listed("user process")).isTrue();

        for (int i = 0; i < 2; i++) {
            AppFixture.fx(() -> { w.history.undoAction().handle(null); return null; });
            AppFixture.idle(w);
        }
        assertThat(w.kernel.profile().migratetypes()).as("undoing the allocation and the machine line").isFalse();
    }
}
