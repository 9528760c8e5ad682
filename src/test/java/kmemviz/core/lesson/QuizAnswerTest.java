package kmemviz.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Quiz;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/** The answer of a quiz comes from what the model did, never from the script. */
class QuizAnswerTest {
    private final ScriptParser parser = new ScriptParser("quiz.kmv");
    private final Kernel kernel = new Kernel(Profiles.builtIn("classroom"));

    private Outcome run(String line) { return kernel.execute(parser.parseLine(line, 1)); }

    private String answer(String quiz, String line) {
        return QuizAnswer.answer((Quiz) parser.parseLine(quiz, 1), run(line), kernel.profile());
    }

    @Test
    void yesWhenTheAllocationSucceedsNoWhenItReturnsNullOrIsRefused() {
        assertThat(answer("quiz \"Will it succeed?\" yes|no", "p = alloc_pages(GFP_KERNEL, 3)")).isEqualTo("yes");
        // Order 11 is above MAX_PAGE_ORDER: NULL, as the kernel returns.
        assertThat(answer("quiz \"Will it succeed?\" no|yes", "q = alloc_pages(GFP_KERNEL, 11)")).isEqualTo("no");
        run("kfree(NULL)");
        assertThat(answer("quiz \"Is a double free accepted?\" yes|no", "x = kmalloc(64, GFP_KERNEL)")).isEqualTo("yes");
        run("kfree(x)");
        assertThat(answer("quiz \"Is a double free accepted?\" yes|no", "kfree(x)")).isEqualTo("no");
    }

    @Test
    void theZoneOfABlockAndOfAnObjectComesFromItsFrames() {
        assertThat(answer("quiz \"Which zone?\" DMA|Normal", "a = alloc_pages(GFP_KERNEL | __GFP_DMA, 0)")).isEqualTo("DMA");
        assertThat(answer("quiz \"Which zone?\" DMA|Normal", "b = alloc_pages(GFP_KERNEL, 0)")).isEqualTo("Normal");
        assertThat(answer("quiz \"Which zone?\" DMA|Normal", "o = kmalloc(100, GFP_KERNEL)")).isEqualTo("Normal");
        // The second object of the same slab makes no page allocation: its zone comes from its address.
        assertThat(answer("quiz \"Which zone?\" normal|dma", "o2 = kmalloc(100, GFP_KERNEL)")).isEqualTo("normal");
    }

    @Test
    void theCacheOfAnObjectIsTheCacheItsSizeRoundsUpTo() {
        assertThat(answer("quiz \"Which cache?\" kmalloc-96|kmalloc-128|kmalloc-192", "p = kmalloc(100, GFP_KERNEL)"))
                .isEqualTo("kmalloc-128");
        assertThat(answer("quiz \"Which cache?\" kmalloc-96|kmalloc-128|kmalloc-192", "p = kmalloc(96, GFP_KERNEL)"))
                .isEqualTo("kmalloc-96");
    }

    @Test
    void aQuizWhoseOutcomeHasNoFactOfItsKindOrAnAnswerOutsideItsChoicesIsAnError() {
        run("p = alloc_pages(GFP_KERNEL, 0)");
        Quiz zone = (Quiz) parser.parseLine("quiz \"Which zone?\" DMA|Normal", 1);
        Command free = parser.parseLine("__free_pages(p, 0)", 1);
        assertThatThrownBy(() -> QuizAnswer.answer(zone, kernel.execute(free), kernel.profile()))
                .hasMessage("a zone quiz, but __free_pages(p, 0) made no allocation, so it has no zone");
        Quiz cache = (Quiz) parser.parseLine("quiz \"Which cache?\" kmalloc-8|kmalloc-16", 1);
        assertThatThrownBy(() -> QuizAnswer.answer(cache, run("q = alloc_pages(GFP_KERNEL, 0)"), kernel.profile()))
                .hasMessage("a cache quiz, but q = alloc_pages(GFP_KERNEL, 0) took its memory from the page allocator, not from a slab cache");
        assertThatThrownBy(() -> QuizAnswer.answer(cache, run("r = kmalloc(100, GFP_KERNEL)"), kernel.profile()))
                .hasMessage("the answer, kmalloc-128 (from r = kmalloc(100, GFP_KERNEL)), is not one of the quiz's choices kmalloc-8|kmalloc-16");
    }
}
