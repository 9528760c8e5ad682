package kmemviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTextsTest {
    @Test
    void paragraphsAreUnwrappedSoThatTheDialogWrapsThemWhileBulletsAndHeadingsKeepTheirLines() {
        String text = HelpTexts.unwrap(HelpTexts.SIMPLIFICATIONS);
        assertThat(text).contains("(mm/page_alloc.c, mm/slub.c, mm/vmalloc.c, arch/x86/mm) and simplifies it here:");
        assertThat(text).contains("\nPage allocator\n• One NUMA node");
        assertThat(text).contains("so anonymous memory comes back only through the OOM killer");
        assertThat(HelpTexts.unwrap(HelpTexts.GETTING_STARTED)).contains("\n\n2. Press Free");
    }

    @Test
    void whatEachPartShowsCoversEveryTabAndPane() {
        for (String part : new String[] {"Physical memory", "Slab caches", "Mappings", "TLB", "Buddy free areas", "Inspector",
                "Event log", "Toolbar"})
            assertThat(HelpTexts.PARTS).as(part).containsPattern("(?m)^\\s*" + part + " \\(|^\\s*" + part + ":");
    }

    @Test
    void theScriptReferenceIsBundledAndTheKeysAreATable() {
        assertThat(HelpTexts.scriptLanguage()).contains("p = alloc_pages(GFP_KERNEL, 3)").contains("vfree(v)");
        assertThat(java.util.List.of(HelpTexts.KEYS)).allSatisfy(row -> assertThat(row).hasSize(2));
    }

    @Test
    void everyExpectLineOfTheScriptReferenceParses() {
        var parser = new kmemviz.core.cmd.ScriptParser("script-language.txt");
        var expects = HelpTexts.scriptLanguage().lines().filter(l -> l.startsWith("expect ")).toList();
        assertThat(expects).anyMatch(l -> l.startsWith("expect pcp ")).anyMatch(l -> l.startsWith("expect pageblocks "))
                .anyMatch(l -> l.startsWith("expect extfrag "));
        for (String line : expects)
            assertThat(parser.parseLine(line, 1)).as(line).isInstanceOf(kmemviz.core.cmd.Expect.class);
    }
}
