package kmemviz.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Note;
import kmemviz.core.cmd.Pause;
import kmemviz.core.cmd.Quiz;
import kmemviz.core.cmd.Select;
import kmemviz.core.cmd.Zoom;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/** The lesson's stage directions change nothing: no state, no history, no events. */
class LessonCommandsTest {
    @Test
    void pauseSelectZoomQuizAndANoteWithAVariableAreNoOpsThatUndoPassesOver() {
        Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
        kernel.execute(new kmemviz.core.cmd.ScriptParser("t").parseLine("p = alloc_pages(GFP_KERNEL, 3)", 1));
        int position = kernel.position();
        long free = kernel.memory().zones().stream().mapToLong(z -> z.freePages()).sum();
        for (Command c : List.<Command>of(new Pause(), new Select("p"), Zoom.variable("p"), Zoom.zone(ZoneType.NORMAL),
                Zoom.pfns(0x100, 0x1ff), Zoom.all(), new Quiz("OK?", Quiz.Kind.YES_NO, List.of("yes", "no")))) {
            Outcome o = kernel.execute(c);
            assertThat(o.status()).as(c.text()).isEqualTo(Outcome.Status.OK);
            assertThat(o.events()).as(c.text()).isEmpty();
        }
        assertThat(kernel.execute(new Note("p", "here")).ok()).isTrue();
        assertThat(kernel.position()).isEqualTo(position);
        assertThat(kernel.memory().zones().stream().mapToLong(z -> z.freePages()).sum()).isEqualTo(free);
        assertThat(kernel.undoable().text()).isEqualTo("p = alloc_pages(GFP_KERNEL, 3)");
    }
}
