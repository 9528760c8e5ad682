package kmemviz.app.cli;

import java.io.PrintWriter;
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
 * An unreadable expression or a mask the kernel would object to gives exit status 2.
 */
@Command(name = "gfp",
        description = {"Decode a GFP mask: its %%pGg form, zone, migratetype and bits.",
                "EXPR is C: names and numbers joined by '|', e.g. 'GFP_KERNEL | __GFP_ZERO' or 0xdc0."})
public final class GfpCommand implements Callable<Integer> {

    static final int EXIT_INVALID = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(arity = "1..*", paramLabel = "EXPR", description = "GFP expression (several words are joined)")
    List<String> words;

    @Override
    public Integer call() {
        String expression = String.join(" ", words);
        ParsedGfp parsed = parse(expression);
        int gfp = parsed.mask();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("mask: 0x%x%n", gfp);
        String printed = Gfp.format(gfp);
        out.println("%pGg: " + (printed.isEmpty() ? "(empty: a mask of 0 prints nothing)" : printed));
        printZones(out, gfp);
        out.println("migratetype: " + Gfp.migratetypeName(gfp));
        out.println("may sleep: " + (Gfp.allowBlocking(gfp) ? "yes (__GFP_DIRECT_RECLAIM is set)"
                : "no (__GFP_DIRECT_RECLAIM is clear)"));
        printBits(out, gfp);
        if (!parsed.notes().isEmpty()) {
            out.println("notes:");
            parsed.notes().forEach(note -> out.println("  " + note));
        }
        out.flush();
        Optional<String> invalid = Gfp.invalidReason(gfp);
        if (invalid.isPresent()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("gfp: invalid mask 0x" + Integer.toHexString(gfp) + ": " + invalid.get());
            err.flush();
            return EXIT_INVALID;
        }
        return 0;
    }

    private ParsedGfp parse(String expression) {
        try {
            return GfpParser.parse(expression);
        } catch (GfpParseException e) {
            // Echo the expression with a caret under the offending column, as a compiler would.
            String pointer = "  " + expression + System.lineSeparator() + "  " + " ".repeat(e.column() - 1) + "^";
            throw new ParameterException(spec.commandLine(), e.getMessage() + System.lineSeparator() + pointer, e,
                    null, expression);
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
