package kmemviz.core.cmd;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import kmemviz.core.klog.KernelLogReader;
import kmemviz.core.klog.ReportMachine;

/**
 * {@code machine from-log FILE} and the request that failed: a kernel log's allocation failure or OOM report
 * ({@link KernelLogReader}) becomes the machine it describes ({@link ReportMachine}) and the call to run on it, so
 * that the app, the command line and a script take the same two commands. The report is read once, here: the
 * machine command carries what it said, so undo boots it again without the file.
 *
 * @param request the failed request as {@code alloc_pages(GFP, ORDER) # task}, or null when the report has none that
 *                can run (an OOM report of order -1)
 */
public record FromLog(ReportMachine.Result result, Machine machine, AllocPages request) {
    public static final String KEYWORD = "from-log";

    /**
     * The commands for a report pasted or read from a file; {@code where} names it on the machine line (a path, which
     * a saved session reads again).
     *
     * @throws IllegalArgumentException when the text holds no report, or nothing in it can be rebuilt
     */
    public static FromLog of(String text, String where) {
        ReportMachine.Result r = ReportMachine.of(new KernelLogReader().read(text));
        String arg = where.matches("[^\\s#\"]+") ? where : Texts.quote(where);
        Machine m = new Machine(r.profile(), "machine " + KEYWORD + " " + arg, r.zones(), r.notes());
        AllocPages request = r.order() < 0 ? null
                : new AllocPages(null, AllocPages.Flavor.ALLOC_PAGES, r.gfp(), r.order(), r.report().task());
        return new FromLog(r, m, request);
    }

    /** {@link #of} on a file's text; a file that cannot be read is an IllegalArgumentException that says why. */
    public static FromLog read(Path file) {
        String text;
        try {
            if (Files.size(file) > KernelLogReader.MAX_CHARS) {
                throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes; a kernel log may have at most "
                        + KernelLogReader.MAX_CHARS);
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return of(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
