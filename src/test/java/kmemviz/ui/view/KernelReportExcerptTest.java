package kmemviz.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/** What the kernel-report panel shows of a report: for an OOM kill, its Tasks state table, not Mem-Info's first counters. */
class KernelReportExcerptTest {
    @Test
    void anOomReportIsShownFromItsTasksStateTable() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        ScriptParser p = new ScriptParser("oom.kmv");
        String[] script = {"machine custom 8MiB pcp=off migratetypes=off", "a = user_process(\"sshd\", 1MiB)",
                "h = user_process(\"hog\", 16MiB)"};
        java.util.List<KernelReport> reports = new java.util.ArrayList<>();
        for (int i = 0; i < script.length; i++)
            for (MmEvent e : k.execute(p.parseLine(script[i], i + 1)).events()) if (e.kind() == EventKind.REPORT) reports.add(e.report());
        KernelReport oom = reports.stream().filter(r -> r.kind() == KernelReport.Kind.OOM_KILL).reduce((a, b) -> b).orElseThrow();
        assertThat(oom.text()).contains("Mem-Info:");
        String shown = KernelReportPanel.firstLines(oom.text(), KernelReportPanel.MAX_LINES);
        String[] lines = shown.split("\n");
        assertThat(lines[0]).isEqualTo("… (the header and Mem-Info are in the log)");
        assertThat(lines[1]).contains(KernelReportPanel.TASKS_STATE);
        assertThat(shown).contains("hog").contains("sshd").doesNotContain("active_anon:");
    }

    @Test
    void anyOtherReportIsShownFromItsFirstLineAfterTheHeadline() {
        assertThat(KernelReportPanel.firstLines("headline\nline 1\nline 2\nline 3", 2))
                .isEqualTo("line 1\nline 2\n… (the whole report is in the log)");
    }
}
