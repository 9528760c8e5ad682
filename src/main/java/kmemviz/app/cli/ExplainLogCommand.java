package kmemviz.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kmemviz.core.cmd.FromLog;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.klog.KernelLogReader;
import kmemviz.core.klog.LogExplanation;
import kmemviz.core.mm.AllocStories;
import kmemviz.core.mm.AllocStory;
import kmemviz.core.mm.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain-log FILE}: a kernel log's page allocation failure or OOM report explained. The machine its Mem-Info
 * block describes is rebuilt ({@link FromLog}), the failed request runs on it with its story recorded, and the
 * explanation ({@link LogExplanation}) says which zone failed which check by how many pages and what the kernel did
 * next, then what the report gave and what it lacked, with line numbers. Exit status 0 when explained, 2 for a file
 * that cannot be read or holds no usable report.
 */
@Command(name = "explain-log", mixinStandardHelpOptions = true,
        // The header is the one line the top-level --help lists (picocli shows a description array's first element
        // only, which cut the sentence); the description follows it in 'explain-log --help'.
        header = "Explain a kernel log's \"page allocation failure\" or OOM report, zone by zone.",
        description = "Rebuilds the zones its Mem-Info describes (free blocks per order, watermarks, lowmem_reserve), "
                + "runs the failed request on them and says which zone failed which check by how much and what the "
                + "kernel did next.")
public final class ExplainLogCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the log (dmesg, journalctl or syslog text); - reads standard input")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        FromLog log;
        try {
            log = file.equals("-") ? FromLog.of(stdin(), "-") : FromLog.read(Path.of(file));
        } catch (IllegalArgumentException e) {
            err.println(oneLine(e.getMessage()));
            return 2;
        } catch (IOException e) {
            err.println("standard input: cannot read: " + e.getMessage());
            return 2;
        }
        Kernel kernel = new Kernel(Profiles.builtIn("classroom"));
        kernel.execute(log.machine());
        AllocStory story = null;
        if (log.request() != null) {
            AllocStories stories = kernel.explainAllocations();
            kernel.execute(log.request());
            story = stories.latest();
        }
        out.print(LogExplanation.render(log.result(), story));
        out.flush();
        return 0;
    }

    private static String stdin() throws IOException {
        byte[] bytes = System.in.readNBytes(KernelLogReader.MAX_CHARS + 1);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The first line of a message: the rest (what was skipped) is for the app's notes, not for an error. */
    private static String oneLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
