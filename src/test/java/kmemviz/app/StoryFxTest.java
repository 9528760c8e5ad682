package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Pointer;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector tells the selected allocation's story, and the last failure's; "Show large" puts one over the views. */
class StoryFxTest extends AppFxTest {
    private void run(String script) throws Exception {
        for (ScriptLine line : new ScriptParser("test.kmv").parse(script)) AppFixture.fx(() -> w.kernel.execute(line.command()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String label(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    @Test
    void theSelectedAllocationsStoryIsNumberedAndAFailuresEndsWithItsConditions(FxRobot robot) throws Exception {
        run("machine custom 4MiB dma=1MiB reserved=0\np = alloc_pages(GFP_KERNEL, 2)\n");
        Pointer p = w.kernel.variables().get("p");
        AppFixture.fx(() -> { w.selection.select(p.pfn(), p.allocId()); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label(robot, "story-1")).startsWith("1. __alloc_pages(GFP_KERNEL, order 2)");
        assertThat(robot.lookup("#story-why").tryQuery()).isEmpty();
        assertThat(robot.lookup("#failure-1").tryQuery()).isEmpty();

        run("big = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10)\n");
        assertThat(w.kernel.variables().get("big").isNull()).isTrue();
        assertThat(label(robot, "failure-1")).startsWith("1. __alloc_pages(GFP_KERNEL|__GFP_NOWARN, order 10)");
        assertThat(label(robot, "failure-why")).startsWith("Failed because: ").contains("order 10 is costly: no OOM killer");
        assertThat(label(robot, "story-1")).startsWith("1. __alloc_pages(GFP_KERNEL, order 2)");   // the selection's own, below

        robot.clickOn("#failure-show-large");
        assertThat(w.story.isVisible()).isTrue();
        assertThat(w.story.text()).startsWith("__alloc_pages(GFP_KERNEL|__GFP_NOWARN, order 10) → NULL")
                .contains(label(robot, "failure-why"));
        robot.clickOn("#story-close");
        assertThat(w.story.isVisible()).isFalse();

        run("q = alloc_pages(GFP_KERNEL, 0)\n");                  // a success since: the failure is no longer the news
        assertThat(robot.lookup("#failure-1").tryQuery()).isEmpty();
    }
}
