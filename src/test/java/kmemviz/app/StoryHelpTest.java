package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.StoryText;
import org.junit.jupiter.api.Test;

/** The help page on reading a story quotes what the model says for the example script, word for word. */
class StoryHelpTest {
    @Test
    void theHelpsExampleFailureIsTheOneTheExampleScriptGives() throws Exception {
        Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
        AllocStories stories = kernel.explainAllocations();
        for (ScriptLine line : new ScriptParser("explain-failure.kmv").parse(Files.readString(Path.of("assets/scripts/explain-failure.kmv"))))
            kernel.execute(line.command());
        String failure = StoryText.failure(stories.lastFailure());
        String help = HelpTexts.unwrap(HelpTexts.STORY);
        String normal = failure.substring(0, failure.indexOf("; DMA: "));
        assertThat(help).contains("\"" + normal + "; DMA: …; no reclaimable pages; order 4 is costly: no OOM killer\"");
        assertThat(failure).endsWith("; no reclaimable pages; order 4 is costly: no OOM killer");
    }
}
