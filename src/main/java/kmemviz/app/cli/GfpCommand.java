package kmemviz.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpBit;
import kmemviz.core.mm.GfpParseException;
import kmemviz.core.mm.GfpParser;
import kmemviz.core.mm.ParsedGfp;
import kmemviz.core.mm.ZoneType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmemviz gfp EXPR}: decodes a GFP mask the way the 6.12 kernel reads it. The words of EXPR are joined
 * with spaces, so {@code gfp GFP_KERNEL '|' __GFP_ZERO} and {@code gfp 'GFP_KERNEL | __GFP_ZERO'} agree.
 * An unreadable expression or a mask the kernel would object to gives exit status 2. A line pasted from a kernel
 * log ({@link LoggedGfp}) is decoded from its number, and the output says whether the printed names agree with
 * it; its exit status is 0 whatever the mask, since a kernel printed it.
 */
@Command(name = "gfp",
        header = "Decode a GFP mask: its %%pGg form, zone, migratetype and bits.",
        // One string, so that picocli wraps it at the usage width rather than breaking at each array element.
        description = "EXPR is C: names and numbers joined by '|', e.g. 'GFP_KERNEL | __GFP_ZERO' or 0xdc0, or a line "
                + "from a kernel log with mode:0x...(...), gfp_mask=0x...(...) or gfp_flags=...")
public final class GfpCommand implements Callable<Integer> {

    static final int EXIT_INVALID = 2;
    private static final int MAX_ECHO_CHARS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(arity = "1..*", paramLabel = "EXPR", description = "GFP expression (several words are joined)")
    List<String> words;

    @Override
    public Integer call() {
        String input = String.join(" ", words);
        Optional<LoggedGfp> logged = LoggedGfp.find(input);
        ParsedGfp parsed = parse(logged.map(LoggedGfp::expression).orElse(input));
        int gfp = parsed.mask();
        List<String> notes = new ArrayList<>(parsed.notes());
        PrintWriter out = spec.commandLine().getOut();
        logged.ifPresent(l -> out.println("from the log: " + l.text()));
        out.printf("mask: 0x%x%n", gfp);
        String printed = Gfp.format(gfp);
        out.println("%pGg: " + (printed.isEmpty() ? "(empty: a mask of 0 prints nothing)" : printed));
        logged.ifPresent(l -> printAgreement(out, l, gfp, notes));
        printZones(out, gfp);
        out.println("migratetype: " + Gfp.migratetypeName(gfp));
        out.println("may sleep: " + (Gfp.allowBlocking(gfp) ? "yes (__GFP_DIRECT_RECLAIM is set)"
                : "no (__GFP_DIRECT_RECLAIM is clear)"));
        printBits(out, gfp);
        if (!notes.isEmpty()) {
            out.println("notes:");
            notes.forEach(note -> out.println("  " + note));
        }
        Optional<String> invalid = Gfp.invalidReason(gfp);
        if (invalid.isPresent() && logged.isPresent()) {
            // The line is what a kernel printed, so it is no bad input: say what 6.12 would make of the mask.
            out.println("6.12 would reject this mask: " + invalid.get());
        }
        out.flush();
        if (invalid.isPresent() && logged.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("gfp: invalid mask 0x" + Integer.toHexString(gfp) + ": " + invalid.get());
            err.flush();
            return EXIT_INVALID;
        }
        return 0;
    }

    /**
     * Whether the names the log printed next to the number are the number's names. They differ when the log
     * comes from a kernel that numbers the GFP bits otherwise (the bits moved in 4.4, 4.10, 4.13, 6.0 ...).
     */
    private static void printAgreement(PrintWriter out, LoggedGfp logged, int gfp, List<String> notes) {
        if (logged.number() == null) {
            out.println("names: the log prints only names, no number to check them against");
            return;
        }
        if (logged.names() == null) {
            return;
        }
        ParsedGfp names;
        try {
            names = GfpParser.parse(logged.names().isEmpty() ? "0" : logged.names());
        } catch (GfpParseException e) {
            out.println("names: cannot read the names the log printed (" + e.getMessage() + "); the number is decoded");
            return;
        }
        notes.addAll(names.notes());
        if (names.mask() == gfp) {
            out.println("names: the names agree with the number");
        } else {
            out.printf("names: the names say %s (0x%x), the number says %s (0x%x)%n", orZero(logged.names()), names.mask(),
                    orZero(Gfp.format(gfp)), gfp);
            out.println("  the log may come from a kernel that numbers the GFP bits otherwise than 6.12");
        }
    }

    /** %pGg prints nothing for a mask of 0. */
    private static String orZero(String names) { return names.isEmpty() ? "0" : names; }

    private ParsedGfp parse(String expression) {
        try {
            return GfpParser.parse(expression);
        } catch (GfpParseException e) {
            // Echo the expression with a caret under the offending column, as a compiler would; not one that
            // would fill the terminal.
            String pointer = expression.length() > MAX_ECHO_CHARS ? ""
                    : System.lineSeparator() + "  " + expression + System.lineSeparator() + "  " + " ".repeat(e.column() - 1) + "^";
            throw new ParameterException(spec.commandLine(), e.getMessage() + pointer, e, null, expression);
        }
    }

    /** gfp_zone() on the two profiles; i386 is shown only where it differs (DMA32 and HIGHMEM requests). */
    private static void printZones(PrintWriter out, int gfp) {
        ZoneType x8664 = Gfp.zone(gfp, true, false);
        ZoneType i386 = Gfp.zone(gfp, false, true);
        out.println("zone: " + x8664.kernelName() + " (x86_64)"
                + (i386 == x8664 ? "" : ", " + i386.kernelName() + " (i386)"));
    }

    private static void printBits(PrintWriter out, int gfp) {
        if (gfp == 0) {
            return;
        }
        out.println("bits:");
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            int mask = 1 << bit;
            if ((gfp & mask) != 0) {
                out.printf("  %-22s 0x%-8x %s%n", bitName(mask), mask, bitMeaning(mask));
            }
        }
    }

    private static String bitName(int mask) {
        return definedBit(mask).map(GfpBit::name).orElse("(bit " + Integer.numberOfTrailingZeros(mask) + ")");
    }

    private static String bitMeaning(int mask) {
        if ((mask & ~Gfp.BITS_MASK) != 0) {
            return "No flag: above __GFP_BITS_MASK, so the allocator drops it.";
        }
        return definedBit(mask).map(GfpBit::meaning).orElse("Unused (it was __GFP_ATOMIC until 6.2).");
    }

    private static Optional<GfpBit> definedBit(int mask) {
        return Gfp.bits().stream().filter(b -> b.mask() == mask).findFirst();
    }
}
