package kmemviz.ui.lesson;

import java.util.List;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;

/** The reference the player tests compare with: a script run headless, as {@code kmemviz run} does, on a fresh kernel. */
public final class HeadlessRuns {
    private HeadlessRuns() {}

    /** Every /proc-style report of the kernel (not the event list, which depends on how the state was reached). */
    public static String proc(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Report r : Report.values()) if (r != Report.events) sb.append(r.render(k, List.of()));
        return sb.toString();
    }

    /** The reports after each prefix of the script, in one headless run: [i] after i steps. */
    public static String[] afterEachStep(LessonScript script) {
        Kernel k = new Kernel(Profiles.builtIn("classroom"));
        String[] out = new String[script.steps().size() + 1];
        out[0] = proc(k);
        for (int i = 0; i < script.steps().size(); i++) {
            k.execute(script.steps().get(i).command());
            out[i + 1] = proc(k);
        }
        return out;
    }

    /** The reports after the first {@code steps} statements of {@code text}. */
    public static String after(String text, int steps) { return afterEachStep(new LessonScript("t.kmv", text))[steps]; }
}
