package kmemviz.core.cmd;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.GfpParseException;
import kmemviz.core.mm.GfpParser;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.ZoneType;
import kmemviz.core.procfs.ImportProblem;
import kmemviz.core.procfs.ProcCapture;
import kmemviz.core.procfs.ProcImport;
import kmemviz.core.vm.Tlb;
import kmemviz.core.vm.TlbStats;

/**
 * Reads the command language, one statement a line:
 * <pre>
 * # comment
 * machine x86_64-16g [cpus=N] [gbpages=off] [pcp=on|off] [migratetypes=on|off]
 * machine custom 4MiB dma=1MiB [dma32=SIZE] [highmem=SIZE] [reserved=SIZE] [cpus=N] [gbpages=off] [pcp=on|off] [migratetypes=on|off]
 * context process | atomic | softirq | hardirq
 * cpu 1                                   (the following calls run on CPU 1)      drain   (drain_all_pages)
 * p = alloc_pages(GFP_KERNEL, 3)          # my_driver_probe   (the comment names the caller)
 * a = __get_free_pages(GFP_KERNEL | __GFP_DMA, 0)
 * z = get_zeroed_page(GFP_KERNEL)
 * __free_pages(p, 3)      free_pages(a, 0)      free_page(a)
 * t = user_process("firefox", 512MiB)     f = page_cache("libc.so.6", 2MiB)
 * exit_process(t)         drop_cache(f)
 * p = kmalloc(100, GFP_KERNEL)   kzalloc(size, gfp)   kcalloc(n, size, gfp)   kmalloc_array(n, size, gfp)
 * q = krealloc(p, 200, GFP_KERNEL)          kfree(p)          kfree(NULL)
 * c = kmem_cache_create("task_struct", 7296)   o = kmem_cache_alloc(c, GFP_KERNEL)
 * kmem_cache_free(c, o)    kmem_cache_destroy(c)    t = create_task("worker")    exit_task(t)
 * v = vmalloc(4MiB)   vzalloc(size)   kvmalloc(size, gfp)   kvzalloc(size, gfp)   vfree(v)   kvfree(p)
 * k = kmap(p)   kunmap(p)   translate(v)   translate(0xffff888000100000)
 * touch v      touch v random count=1000 seed=7      touch v stride=8192
 * tlb flush    tlb reset    tlb stlb 1536 12    tlb costs 1 9 30
 * expect p != NULL        expect pfn(p) == 0x1100     expect free DMA == 240     expect nr_free Normal 3 == 1
 * expect ksize(p) == 128    expect tlb walks == 2     expect nr_free Normal 3 Movable == 1
 * expect pageblocks Normal Unmovable == 2    expect pcp Normal 0 == 62    expect pcp_high Normal 1 >= 96
 * expect extfrag Normal 9 == 0.923    expect unusable Normal 4 <= 0.500   (as debugfs prints them)
 * expect report "BUG: sleeping function called from invalid context"      expect no report
 *                          (the last state-changing command's kernel reports contain the text / there are none)
 * note "Text shown to the audience"      note p "A caption next to p's allocation, with `code` and *emphasis*"
 * pause    select p    zoom p    zoom zone Normal    zoom pfn 0x100-0x1ff    zoom all
 * quiz "Will this order-3 allocation succeed?" yes|no       quiz "Which zone?" DMA|DMA32|Normal
 * replay trace.txt        replay "kmem trace.txt"   (an ftrace kmem trace, relative to the script's folder)
 * replay trace.txt lines 1-2000                     (a part: the lines after the part before it; the player's steps)
 * </pre>
 * Every error is a {@link ScriptException} naming the file, line and column and what was expected. Limits, so
 * that no line runs for long: a line has at most {@link #MAX_LINE_CHARS} characters, a touch makes at most
 * {@link Touch#MAX_ACCESSES} accesses, a TLB has at most {@link #MAX_TLB_WAYS} ways.
 */
public final class ScriptParser {
    /** No statement needs more (the GFP parser reads at most as much); a longer line is refused before it is read. */
    public static final int MAX_LINE_CHARS = GfpParser.MAX_CHARS;

    /**
     * Every access looks through all the ways of a set, so the ways bound the cost of a touch: at 128 ways in
     * both levels, a touch of the most accesses runs as fast as with the default geometry, while at 10^6 ways
     * 10^4 accesses took seconds.
     */
    static final int MAX_TLB_WAYS = 128;

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern OPERATOR = Pattern.compile("==|!=|<=|>=|<|>");

    private final String file;

    public ScriptParser(String file) { this.file = file; }

    /**
     * A whole script. Besides each line's own checks, it checks what earlier lines tell: after a {@code machine}
     * line the zones and the variables are known, so {@code zoom zone}, {@code zoom pfn} and the variables of
     * {@code note p}, {@code select} and {@code zoom} are checked against them; and each quiz needs a state-changing
     * command after it, one that allocates when the quiz asks for a zone or a cache.
     */
    public List<ScriptLine> parse(String text) {
        List<ScriptLine> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Scope scope = new Scope();
        List<AskedQuiz> unanswered = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            checkLength(lines[i], i + 1);
            LineReader reader = new LineReader(lines[i], i + 1, scope);
            Command c = reader.statement();
            if (c == null) continue;
            if (c instanceof Quiz q) unanswered.add(new AskedQuiz(q, i + 1, reader.choicesAt));
            if (c.changesState()) {
                for (AskedQuiz asked : unanswered) asked.checkAnsweredBy(c, reader.assigned, i + 1);
                unanswered.clear();
            }
            if (c instanceof Machine m) scope.boot(m.profile());
            if (reader.assigned != null) scope.assign(reader.assigned);
            out.add(ScriptLine.of(i + 1, lines[i], c));
        }
        if (!unanswered.isEmpty()) {
            AskedQuiz last = unanswered.get(0);
            throw new ScriptException(file, last.line, 1, "the quiz has no command after it to answer it: a quiz asks "
                    + "about the next line that changes the state (an allocation, a free, a machine)");
        }
        return out;
    }

    /** One line: a command, or null for a blank or comment line. */
    public Command parseLine(String line, int lineNo) {
        checkLength(line, lineNo);
        return new LineReader(line, lineNo, new Scope()).statement();
    }

    private void checkLength(String line, int lineNo) {
        if (line.length() > MAX_LINE_CHARS) throw new ScriptException(file, lineNo, MAX_LINE_CHARS + 1, "the line has "
                + line.length() + " characters; a script line may have at most " + MAX_LINE_CHARS);
    }

    /**
     * What the lines read so far tell about the machine: nothing before the first {@code machine} line (the script
     * may run on a kernel that already holds variables), then its profile and the variables assigned since.
     */
    private static final class Scope {
        private Profile machine;
        private final Set<String> variables = new HashSet<>();

        void boot(Profile profile) {
            machine = profile;
            variables.clear();
        }

        void assign(String variable) { variables.add(variable); }

        boolean unknownVariable(String variable) { return machine != null && !variables.contains(variable); }

        boolean lacksZone(ZoneType zone) { return machine != null && !machine.hasZone(zone); }

        /** Configured but spanning no frames, such as Movable on every built-in machine. */
        boolean hasEmptyZone(ZoneType zone) {
            return machine != null && machine.zones().stream().anyMatch(z -> z.type() == zone && z.span().isEmpty());
        }
    }

    /** A quiz waiting for the state-changing command that answers it. */
    private final class AskedQuiz {
        final Quiz quiz;
        final int line;
        final int choicesColumn;

        AskedQuiz(Quiz quiz, int line, int choicesColumn) {
            this.quiz = quiz;
            this.line = line;
            this.choicesColumn = choicesColumn;
        }

        /** A zone or cache quiz needs an allocation to answer it; only a call assigned to a variable makes one. */
        void checkAnsweredBy(Command next, String assigned, int nextLine) {
            if (quiz.kind() == Quiz.Kind.YES_NO || assigned != null) return;
            throw new ScriptException(file, line, choicesColumn, "a " + (quiz.kind() == Quiz.Kind.ZONE ? "zone" : "cache")
                    + " quiz asks where the next command's allocation comes from, but line " + nextLine + " ("
                    + next.text() + ") allocates nothing");
        }
    }

    private final class LineReader {
        private final String src;
        private final int lineNo;
        private final Scope scope;
        private int pos;
        /** The variable this line assigns, or null. */
        String assigned;
        /** The column of a quiz's first choice. */
        int choicesAt;

        LineReader(String src, int lineNo, Scope scope) {
            this.src = src;
            this.lineNo = lineNo;
            this.scope = scope;
        }

        Command statement() {
            skipSpaces();
            if (atEnd() || peek() == '#') return null;
            int start = pos;
            String word = ident("a command");
            Command c = switch (word) {
                case "machine" -> machine();
                case "context" -> context();
                case "cpu" -> {
                    skipSpaces();
                    int at = pos;
                    yield new SetCpu((int) number(word("a CPU number such as 1"), at));
                }
                case "drain" -> new Drain();
                case "compact" -> compact();
                case "note" -> note();
                case "pause" -> new Pause();
                case "select" -> new Select(knownVariable("the variable to select"));
                case "zoom" -> zoom();
                case "quiz" -> quiz();
                case "expect" -> expect();
                case "touch" -> touch();
                case "tlb" -> tlb();
                case "replay" -> replay();
                default -> {
                    skipSpaces();
                    if (!atEnd() && peek() == '=' && !src.startsWith("==", pos)) {
                        pos++;
                        skipSpaces();
                        int callAt = pos;
                        assigned = word;
                        yield call(word, ident("a function call after '='"), callAt);
                    }
                    yield call(null, word, start);
                }
            };
            skipSpaces();
            if (!atEnd() && peek() != '#') throw error(pos, "unexpected '" + src.substring(pos).trim() + "' after the statement");
            return c;
        }

        private String callerLabel() {
            skipSpaces();
            return !atEnd() && peek() == '#' ? src.substring(pos + 1).trim() : "";
        }

        private Command machine() {
            skipSpaces();
            int at = pos;
            String name = word("a machine profile (" + String.join(", ", Profiles.BUILT_IN) + ", custom, from-proc or from-log)");
            if (name.equals("from-proc")) return fromProc(at);
            if (name.equals(FromLog.KEYWORD)) return fromLog();
            boolean custom = name.equals("custom");
            Profile p = custom ? null : Profiles.builtIn(name);
            if (!custom && p == null) throw error(at, "unknown machine '" + name + "' (expected one of "
                    + String.join(", ", Profiles.BUILT_IN) + ", custom, from-proc or from-log)");
            long size = 0;
            int sizeAt = pos;
            if (custom) {
                skipSpaces();
                sizeAt = pos;
                size = size(word("the machine's size, such as 4MiB"), sizeAt);
            }
            Map<String, Long> options = new HashMap<>();
            Map<String, Boolean> switches = new HashMap<>();
            while (true) {
                skipSpaces();
                if (atEnd() || peek() == '#') break;
                int optAt = pos;
                String opt = word("an option such as cpus=2");
                int eq = opt.indexOf('=');
                if (eq < 0) throw error(optAt, "expected KEY=VALUE, found '" + opt + "'");
                String key = opt.substring(0, eq), value = opt.substring(eq + 1);
                switch (key) {
                    case "dma", "dma32", "highmem", "reserved" -> {
                        if (!custom) throw error(optAt, "a built-in machine has its own zones; '" + key
                                + "=' is for machine custom");
                        options.put(key, size(value, optAt + eq + 1));
                    }
                    case "cpus" -> options.put(key, number(value, optAt + eq + 1));
                    case "gbpages", "pcp", "migratetypes" -> {
                        if (!value.equals("on") && !value.equals("off")) throw error(optAt + eq + 1, key + "= takes on or off");
                        switches.put(key, value.equals("on"));
                    }
                    default -> throw error(optAt, "unknown machine option '" + key + "' (expected "
                            + (custom ? "dma, dma32, highmem, reserved, " : "") + "cpus, gbpages, pcp or migratetypes)");
                }
            }
            String text = "machine " + src.substring(at).split("#")[0].trim();
            try {
                if (custom) p = Profiles.custom(size, options, switches.getOrDefault("gbpages", true));
                else if (switches.containsKey("gbpages")) p = p.withGbpages(switches.get("gbpages"));
                int cpus = (int) (long) options.getOrDefault("cpus", (long) p.nrCpus());
                p = p.withAllocator(switches.getOrDefault("pcp", p.pcp()), switches.getOrDefault("migratetypes", p.migratetypes()), cpus);
                return new Machine(p, text);
            } catch (IllegalArgumentException e) {
                throw error(custom ? sizeAt : at, e.getMessage());
            }
        }

        /**
         * {@code machine from-proc DIR|live}: the capture is read and imported here, once, so that the command
         * carries the machine and undo boots it again without the files. A relative DIR is the script's folder's.
         */
        private Command fromProc(int at) {
            skipSpaces();
            int dirAt = pos;
            String dir = !atEnd() && peek() == '"' ? string() : word("a folder of /proc copies, or live");
            skipSpaces();
            if (!atEnd() && peek() != '#') throw error(pos, "unexpected '" + src.substring(pos).trim() + "' after the folder");
            ProcCapture capture;
            if (dir.equals("live")) {
                capture = ProcCapture.live();
            } else {
                Path base = file == null ? null : Path.of(file).toAbsolutePath().getParent();
                Path path = base != null && Files.isDirectory(base) ? base.resolve(dir) : Path.of(dir);
                capture = ProcCapture.folder(path);
            }
            try {
                ProcImport.Result r = ProcImport.of(capture);
                return new Machine(r.profile(), "machine " + src.substring(at).split("#")[0].trim(), r.zones(),
                        r.notes().stream().map(ImportProblem::toString).toList(), r.slabCaches(), r.vmapAreas(), r.booted());
            } catch (IllegalArgumentException e) {
                throw error(dirAt, e.getMessage());
            }
        }

        /**
         * {@code machine from-log FILE}: the machine a kernel log's allocation failure or OOM report describes, read
         * here once ({@link FromLog}). A relative FILE is the script's folder's.
         */
        private Command fromLog() {
            skipSpaces();
            int fileAt = pos;
            String name = !atEnd() && peek() == '"' ? string() : word("a kernel log file");
            skipSpaces();
            if (!atEnd() && peek() != '#') throw error(pos, "unexpected '" + src.substring(pos).trim() + "' after the file");
            Path base = file == null ? null : Path.of(file).toAbsolutePath().getParent();
            Path path = base != null && Files.isDirectory(base) ? base.resolve(name) : Path.of(name);
            try {
                return FromLog.read(path).machine();
            } catch (IllegalArgumentException e) {
                throw error(fileAt, e.getMessage());
            }
        }

        private Command context() {
            skipSpaces();
            int at = pos;
            String w = word("process, atomic, softirq or hardirq");
            ExecContext ctx = ExecContext.byKeyword(w);
            if (ctx == null) throw error(at, "unknown context '" + w + "' (expected process, atomic, softirq or hardirq)");
            return new SetContext(ctx);
        }

        /** {@code replay FILE} or {@code replay "FILE"}: a path without spaces may go unquoted; then {@code lines A-B}. */
        private Command replay() {
            skipSpaces();
            int at = pos;
            String path;
            if (!atEnd() && peek() == '"') {
                path = string();
            } else {
                while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '#') pos++;
                path = src.substring(at, pos);
            }
            if (path.isEmpty()) throw error(at, "expected the trace file to replay, such as replay trace.txt");
            Path resolved;
            try {
                Path given = Path.of(path);
                Path folder = Path.of(file).getParent();
                resolved = given.isAbsolute() || folder == null ? given : folder.resolve(given);
            } catch (InvalidPathException e) {
                throw error(at, "'" + path + "' is not a file path: " + e.getReason());
            }
            skipSpaces();
            if (atEnd() || peek() == '#') return new Replay(resolved);
            int linesAt = pos;
            if (!"lines".equals(word("'lines A-B' or the end of the line"))) throw error(linesAt, "expected 'lines A-B' after the trace file");
            skipSpaces();
            int rangeAt = pos;
            String range = word("a range of lines such as 1-2000");
            int dash = range.indexOf('-');
            if (dash <= 0) throw error(rangeAt, "expected a range of lines such as 1-2000, found '" + range + "'");
            long first = number(range.substring(0, dash), rangeAt), last = number(range.substring(dash + 1), rangeAt + dash + 1);
            if (first < 1 || last < first) throw error(rangeAt, "lines " + range + ": the first line must be 1 or more and not after the last");
            return new Replay(resolved, first, last);
        }

        private Command note() {
            skipSpaces();
            if (atEnd() || peek() == '"') return new Note(string());
            String variable = knownVariable("a quoted string, or a variable and a quoted string");
            skipSpaces();
            return new Note(variable, string());
        }

        /** A variable that an earlier line assigns, when the script's own machine line makes that knowable. */
        private String knownVariable(String what) {
            skipSpaces();
            int at = pos;
            String v = ident(what);
            if (scope.unknownVariable(v))
                throw error(at, "unknown variable '" + v + "': no line since the machine line assigns it");
            return v;
        }

        /** {@code compact} or {@code compact zone ZONE}. */
        private Command compact() {
            skipSpaces();
            if (atEnd() || peek() == '#') return new Compact(null);
            int at = pos;
            String what = ident("'zone ZONE' or the end of the line");
            if (!what.equals("zone")) throw error(at, "expected 'zone ZONE' after compact, found '" + what + "'");
            return new Compact(populatedZone("compact"));
        }

        /** A zone name that this machine has and whose zone holds pages: there is something to {@code what} in it. */
        private ZoneType populatedZone(String what) {
            skipSpaces();
            int zoneAt = pos;
            String name = word("a zone name (" + ZONE_NAMES + ")");
            ZoneType zone = zoneNamed(name);
            if (zone == null) throw error(zoneAt, "unknown zone '" + name + "' (expected one of " + ZONE_NAMES + ")");
            if (scope.lacksZone(zone)) throw error(zoneAt, "this machine has no zone " + zone.kernelName());
            if (scope.hasEmptyZone(zone)) throw error(zoneAt, "zone " + zone.kernelName() + " is empty on this machine: nothing to " + what);
            return zone;
        }

        private Command zoom() {
            skipSpaces();
            int at = pos;
            String what = ident("a variable, zone ZONE, pfn FIRST-LAST or all");
            switch (what) {
                case "all": return Zoom.all();
                case "zone": {
                    return Zoom.zone(populatedZone("zoom to"));
                }
                case "pfn": {
                    skipSpaces();
                    int rangeAt = pos;
                    String range = word("a pfn range FIRST-LAST, such as 0x100-0x1ff");
                    int dash = range.indexOf('-');
                    if (dash <= 0 || dash == range.length() - 1)
                        throw error(rangeAt, "expected a pfn range FIRST-LAST, such as 0x100-0x1ff, found '" + range + "'");
                    long first = number(range.substring(0, dash), rangeAt), last = number(range.substring(dash + 1), rangeAt + dash + 1);
                    if (first < 0 || first > Integer.MAX_VALUE) throw error(rangeAt, "pfn " + range.substring(0, dash) + " is out of range");
                    if (last < first) throw error(rangeAt + dash + 1, "the range ends at pfn " + range.substring(dash + 1)
                            + ", before it starts (the last pfn is included: 0x100-0x1ff is 256 frames)");
                    if (scope.machine != null && last >= scope.machine.endPfn())
                        throw error(rangeAt + dash + 1, String.format("pfn 0x%x is beyond this machine's last frame, 0x%x",
                                last, scope.machine.endPfn() - 1));
                    if (last > Integer.MAX_VALUE) throw error(rangeAt + dash + 1, "pfn " + range.substring(dash + 1) + " is out of range");
                    return Zoom.pfns((int) first, (int) last);
                }
                default:
                    if (scope.unknownVariable(what))
                        throw error(at, "unknown variable '" + what + "': no line since the machine line assigns it "
                                + "(zoom takes a variable, zone ZONE, pfn FIRST-LAST or all)");
                    return Zoom.variable(what);
            }
        }

        /** {@code quiz "question" a|b|c}: 2..5 distinct choices, all yes/no, all zones or all cache names. */
        private Command quiz() {
            skipSpaces();
            int questionAt = pos;
            String question = string();
            if (question.isBlank()) throw error(questionAt, "the quiz's question is empty");
            skipSpaces();
            choicesAt = pos + 1;
            if (atEnd() || peek() == '#') throw error(pos, "expected the choices after the question, such as yes|no");
            List<String> choices = new ArrayList<>();
            Quiz.Kind kind = null;
            String first = null;
            while (true) {
                skipSpaces();
                int at = pos;
                while (!atEnd() && peek() != '|' && peek() != '#' && !Character.isWhitespace(peek())) pos++;
                String choice = src.substring(at, pos);
                if (choice.isEmpty()) throw error(at, "expected a choice" + (choices.isEmpty() ? "" : " after '|'"));
                if (!CHOICE.matcher(choice).matches())
                    throw error(at, "a choice is a word such as yes, Normal or kmalloc-128, found '" + choice + "'");
                if (choices.contains(choice)) throw error(at, "the choice '" + choice + "' is given twice");
                Quiz.Kind k = choiceKind(choice);
                if (kind == null) {
                    kind = k;
                    first = choice;
                } else if (k != kind) {
                    throw error(at, "'" + choice + "' is " + kindName(k) + " but '" + first + "' is " + kindName(kind)
                            + ": a quiz's choices are yes|no, zone names or cache names, not a mix");
                }
                if (k == Quiz.Kind.ZONE && scope.lacksZone(zoneNamed(choice)))
                    throw error(at, "this machine has no zone " + zoneNamed(choice).kernelName());
                choices.add(choice);
                if (choices.size() > Quiz.MAX_CHOICES) throw error(at, "a quiz has at most " + Quiz.MAX_CHOICES + " choices");
                skipSpaces();
                if (atEnd() || peek() != '|') break;
                pos++;
            }
            if (choices.size() < Quiz.MIN_CHOICES)
                throw error(choicesAt - 1, "a quiz has " + Quiz.MIN_CHOICES + " to " + Quiz.MAX_CHOICES
                        + " choices separated by '|', such as yes|no, found one");
            if (kind == Quiz.Kind.YES_NO && choices.size() != 2)
                throw error(choicesAt - 1, "a yes|no quiz has the two choices yes and no");
            return new Quiz(question, kind, choices);
        }

        private Command expect() {
            skipSpaces();
            int exprAt = pos;
            int at = pos;
            String w = ident("what to check: a variable, pfn(VAR), free ZONE, nr_free ZONE ORDER [TYPE], pageblocks ZONE TYPE,"
                    + " pcp ZONE CPU, pcp_high ZONE CPU, extfrag ZONE ORDER, unusable ZONE ORDER, report \"TEXT\" or no report");
            Expect report = reportExpect(w, exprAt);
            if (report != null) return report;
            Expect.Subject subject;
            String argument;
            TlbStats.Counter counter = null;
            int order = 0, cpu = 0;
            MigrateType type = null;
            switch (w) {
                case "pfn", "ksize" -> {
                    expectChar('(');
                    skipSpaces();
                    argument = ident("a variable");
                    expectChar(')');
                    subject = w.equals("pfn") ? Expect.Subject.PFN : Expect.Subject.KSIZE;
                }
                case "tlb" -> {
                    skipSpaces();
                    int counterAt = pos;
                    String name = word("a TLB counter (" + TLB_COUNTERS + ")");
                    counter = TlbStats.Counter.byKeyword(name);
                    if (counter == null) throw error(counterAt, "unknown TLB counter '" + name + "' (expected one of " + TLB_COUNTERS + ")");
                    argument = null;
                    subject = Expect.Subject.TLB;
                }
                case "free", "nr_free", "extfrag", "unusable", "pageblocks", "pcp", "pcp_high" -> {
                    skipSpaces();
                    argument = word("a zone name (DMA, DMA32, Normal, HighMem)");
                    subject = switch (w) {
                        case "free" -> Expect.Subject.FREE;
                        case "nr_free" -> Expect.Subject.NR_FREE;
                        case "extfrag" -> Expect.Subject.EXTFRAG;
                        case "unusable" -> Expect.Subject.UNUSABLE;
                        case "pageblocks" -> Expect.Subject.PAGEBLOCKS;
                        case "pcp" -> Expect.Subject.PCP;
                        default -> Expect.Subject.PCP_HIGH;
                    };
                    skipSpaces();
                    int nAt = pos;
                    switch (subject) {
                        case NR_FREE, EXTFRAG, UNUSABLE -> order = (int) number(word("an order"), nAt);
                        case PCP, PCP_HIGH -> cpu = (int) number(word("a CPU number"), nAt);
                        case PAGEBLOCKS -> type = migratetype(word("a migrate type (" + MIGRATE_TYPE_NAMES + ")"), nAt);
                        default -> { }
                    }
                    skipSpaces();
                    // nr_free ZONE ORDER TYPE: pagetypeinfo's count of one type; a comparison follows otherwise.
                    if (subject == Expect.Subject.NR_FREE && !atEnd() && Character.isLetter(peek())) {
                        int typeAt = pos;
                        type = migratetype(word("a migrate type"), typeAt);
                    }
                }
                default -> {
                    subject = Expect.Subject.POINTER;
                    argument = w;
                }
            }
            skipSpaces();
            Matcher m = OPERATOR.matcher(src).region(pos, src.length());
            if (!m.lookingAt()) throw error(pos, "expected a comparison (==, !=, <, <=, >, >=)");
            Expect.Op op = Expect.Op.of(m.group());
            pos = m.end();
            skipSpaces();
            long value;
            int valueAt = pos;
            String v = word("a value");
            if (subject == Expect.Subject.POINTER) {
                if (!v.equals("NULL")) throw error(valueAt, "a pointer is compared with NULL, found '" + v + "'");
                if (op != Expect.Op.EQ && op != Expect.Op.NE) throw error(at, "a pointer is checked with == NULL or != NULL");
                value = 0;
            } else if (subject.inThousandths()) {
                value = thousandths(v, valueAt);
            } else {
                value = number(v, valueAt);
            }
            String source = src.substring(exprAt, pos).trim();
            return new Expect(subject, argument, counter, order, cpu, type, op, value, source);
        }

        /** A migrate type by pagetypeinfo's name, in any case. */
        private MigrateType migratetype(String name, int at) {
            for (MigrateType t : MigrateType.values()) if (t.kernelName().equalsIgnoreCase(name)) return t;
            throw error(at, "unknown migrate type '" + name + "' (expected one of " + MIGRATE_TYPE_NAMES + ")");
        }

        /** An index as debugfs prints it, "%d.%03d" (0.923, -1.000, 1), in thousandths. */
        private long thousandths(String text, int at) {
            Matcher m = THOUSANDTHS.matcher(text);
            if (!m.matches()) throw error(at, "expected an index with at most three decimals, such as 0.923 or -1.000, found '" + text + "'");
            String decimals = (m.group(3) == null ? "" : m.group(3)) + "000";
            long v = Long.parseLong(m.group(2)) * 1000 + Long.parseLong(decimals.substring(0, 3));
            return m.group(1).isEmpty() ? v : -v;
        }

        /**
         * {@code report "TEXT"} or {@code no report}, or null when {@code w} starts a comparison instead: a variable
         * may be called report or no, so only what follows the word decides.
         */
        private Expect reportExpect(String w, int exprAt) {
            if (!w.equals("report") && !w.equals("no")) return null;
            skipSpaces();
            if (!atEnd() && OPERATOR.matcher(src).region(pos, src.length()).lookingAt()) return null;
            if (w.equals("no")) {
                int at = pos;
                String next = ident("'report' after 'no'");
                if (!next.equals("report")) throw error(at, "expected 'report' after 'no', found '" + next + "'");
                return Expect.report(null, "no report");
            }
            int textAt = pos;
            if (atEnd() || peek() != '"')
                throw error(pos, "expected the quoted text of a kernel report, such as \"BUG: sleeping function\"");
            String text = string();
            if (text.isEmpty()) throw error(textAt, "the report text is empty: quote what the report contains");
            return Expect.report(text, src.substring(exprAt, pos));
        }

        private Command touch() {
            skipSpaces();
            String v = ident("the variable to touch");
            skipSpaces();
            if (atEnd() || peek() == '#') return Touch.sequential(v);
            int at = pos;
            String mode = word("random or stride=BYTES");
            if (mode.startsWith("stride=")) {
                long stride = size(mode.substring(7), at + 7);
                if (stride <= 0) throw error(at + 7, "a stride must be at least 1 byte");
                return new Touch(v, Touch.Pattern.STRIDE, 0, 0, stride);
            }
            if (!mode.equals("random")) throw error(at, "expected random or stride=BYTES, found '" + mode + "'");
            long count = -1, seed = 1;
            while (true) {
                skipSpaces();
                if (atEnd() || peek() == '#') break;
                int optAt = pos;
                String opt = word("count=N or seed=S");
                if (opt.startsWith("count=")) {
                    count = number(opt.substring(6), optAt + 6);
                    if (count > Touch.MAX_ACCESSES) throw error(optAt + 6, "count=" + count + " is above the limit of "
                            + Touch.MAX_ACCESSES + " accesses for one touch (each may be a page walk); split it into several touches");
                }
                else if (opt.startsWith("seed=")) seed = number(opt.substring(5), optAt + 5);
                else throw error(optAt, "expected count=N or seed=S, found '" + opt + "'");
            }
            if (count <= 0) throw error(at, "touch ... random needs count=N with N > 0");
            return new Touch(v, Touch.Pattern.RANDOM, count, seed, 0);
        }

        private Command tlb() {
            skipSpaces();
            int at = pos;
            String what = word("flush, reset, costs or a TLB name (" + TLB_NAMES + ")");
            switch (what) {
                case "flush": return new TlbCommand(TlbCommand.Action.FLUSH, null, 0, 0, 0);
                case "reset": return new TlbCommand(TlbCommand.Action.RESET, null, 0, 0, 0);
                case "costs": {
                    int[] v = new int[3];
                    for (int i = 0; i < 3; i++) {
                        skipSpaces();
                        int numAt = pos;
                        v[i] = (int) positive(word("a cycle count"), numAt);
                    }
                    return new TlbCommand(TlbCommand.Action.COSTS, null, v[0], v[1], v[2]);
                }
                default: {
                    Tlb.Structure structure = Tlb.Structure.byKeyword(what);
                    if (structure == null) throw error(at, "unknown TLB '" + what + "' (expected flush, reset, costs or one of "
                            + TLB_NAMES + ")");
                    skipSpaces();
                    int entriesAt = pos;
                    int entries = (int) positive(word("the number of entries"), entriesAt);
                    skipSpaces();
                    int waysAt = pos;
                    int ways = (int) positive(word("the number of ways"), waysAt);
                    if (ways > MAX_TLB_WAYS) throw error(waysAt, "a TLB has at most " + MAX_TLB_WAYS + " ways, found " + ways
                            + " (a lookup compares every way of a set; the widest real TLBs are fully associative with about 100)");
                    if (entries % ways != 0) throw error(waysAt, entries + " entries do not divide into " + ways + " ways");
                    return new TlbCommand(TlbCommand.Action.GEOMETRY, structure, entries, ways, 0);
                }
            }
        }

        private long positive(String text, int at) {
            long v = number(text, at);
            if (v <= 0 || v > 1_000_000) throw error(at, "expected a number from 1 to 1000000, found " + text);
            return v;
        }

        private Command call(String variable, String function, int callAt) {
            skipSpaces();
            if (atEnd() || peek() != '(') throw error(pos, "expected '(' after " + function
                    + (variable == null && !KNOWN.contains(function) ? " (unknown command '" + function + "')" : ""));
            List<int[]> spans = arguments();
            List<String> args = new ArrayList<>();
            for (int[] s : spans) args.add(src.substring(s[0], s[1]).trim());
            String caller = callerLabel();
            return switch (function) {
                case "alloc_pages", "__get_free_pages" -> {
                    arity(function, args, 2, callAt);
                    AllocPages.Flavor f = function.equals("alloc_pages") ? AllocPages.Flavor.ALLOC_PAGES : AllocPages.Flavor.GET_FREE_PAGES;
                    yield new AllocPages(variable, f, gfp(args.get(0), spans.get(0)[0]), order(args.get(1), spans.get(1)[0]), caller);
                }
                case "get_zeroed_page" -> {
                    arity(function, args, 1, callAt);
                    yield new AllocPages(variable, AllocPages.Flavor.GET_ZEROED_PAGE, gfp(args.get(0), spans.get(0)[0]), 0, caller);
                }
                case "__free_pages", "free_pages" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 2, callAt);
                    boolean byAddress = function.equals("free_pages");
                    yield new FreePages(target(args.get(0), spans.get(0)[0], byAddress), order(args.get(1), spans.get(1)[0]), byAddress);
                }
                case "free_page" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new FreePages(target(args.get(0), spans.get(0)[0], true), 0, true);
                }
                case "user_process", "page_cache" -> {
                    arity(function, args, 2, callAt);
                    UserMemoryCommand.Kind kind = function.equals("user_process")
                            ? UserMemoryCommand.Kind.USER_PROCESS : UserMemoryCommand.Kind.PAGE_CACHE;
                    String name = new LineReader(args.get(0), lineNo, scope).stringAt(spans.get(0)[0]);
                    long size = size(args.get(1), spans.get(1)[0]);
                    if (size == 0) throw error(spans.get(1)[0], function + "() needs a size above 0");
                    yield new UserMemoryCommand(variable, kind, name, size);
                }
                case "exit_process", "drop_cache" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    Release.Flavor f = function.equals("exit_process") ? Release.Flavor.EXIT_PROCESS : Release.Flavor.DROP_CACHE;
                    yield new Release(f, identArg(args.get(0), spans.get(0)[0]));
                }
                case "kmalloc", "kzalloc" -> {
                    arity(function, args, 2, callAt);
                    Kmalloc.Flavor f = function.equals("kmalloc") ? Kmalloc.Flavor.KMALLOC : Kmalloc.Flavor.KZALLOC;
                    yield new Kmalloc(variable, f, 1, sizeT(args.get(0), spans.get(0)[0]), gfp(args.get(1), spans.get(1)[0]), caller);
                }
                case "kcalloc", "kmalloc_array" -> {
                    arity(function, args, 3, callAt);
                    Kmalloc.Flavor f = function.equals("kcalloc") ? Kmalloc.Flavor.KCALLOC : Kmalloc.Flavor.KMALLOC_ARRAY;
                    yield new Kmalloc(variable, f, sizeT(args.get(0), spans.get(0)[0]), sizeT(args.get(1), spans.get(1)[0]),
                            gfp(args.get(2), spans.get(2)[0]), caller);
                }
                case "krealloc" -> {
                    arity(function, args, 3, callAt);
                    yield new Krealloc(variable, target(args.get(0), spans.get(0)[0], true), sizeT(args.get(1), spans.get(1)[0]),
                            gfp(args.get(2), spans.get(2)[0]), caller);
                }
                case "kfree" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new Kfree(target(args.get(0), spans.get(0)[0], true));
                }
                case "kmem_cache_create" -> {
                    arity(function, args, 2, callAt);
                    String name = new LineReader(args.get(0), lineNo, scope).stringAt(spans.get(0)[0]);
                    long size = number(args.get(1), spans.get(1)[0]);
                    if (size <= 0 || size > Integer.MAX_VALUE) throw error(spans.get(1)[0], "an object size is 1.." + Integer.MAX_VALUE + ", found " + args.get(1));
                    yield new KmemCacheCreate(variable, name, (int) size);
                }
                case "kmem_cache_alloc" -> {
                    arity(function, args, 2, callAt);
                    yield new KmemCacheAlloc(variable, identArg(args.get(0), spans.get(0)[0]), gfp(args.get(1), spans.get(1)[0]), caller);
                }
                case "kmem_cache_free" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 2, callAt);
                    yield new KmemCacheFree(identArg(args.get(0), spans.get(0)[0]), target(args.get(1), spans.get(1)[0], true));
                }
                case "kmem_cache_destroy" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new KmemCacheDestroy(identArg(args.get(0), spans.get(0)[0]));
                }
                case "create_task" -> {
                    arity(function, args, 1, callAt);
                    yield new CreateTask(variable, new LineReader(args.get(0), lineNo, scope).stringAt(spans.get(0)[0]));
                }
                case "exit_task" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new ExitTask(identArg(args.get(0), spans.get(0)[0]));
                }
                case "vmalloc", "vzalloc" -> {
                    arity(function, args, 1, callAt);
                    Vmalloc.Flavor f = function.equals("vmalloc") ? Vmalloc.Flavor.VMALLOC : Vmalloc.Flavor.VZALLOC;
                    yield new Vmalloc(variable, f, sizeT(args.get(0), spans.get(0)[0]), 0, caller);
                }
                case "kvmalloc", "kvzalloc" -> {
                    arity(function, args, 2, callAt);
                    Vmalloc.Flavor f = function.equals("kvmalloc") ? Vmalloc.Flavor.KVMALLOC : Vmalloc.Flavor.KVZALLOC;
                    yield new Vmalloc(variable, f, sizeT(args.get(0), spans.get(0)[0]), gfp(args.get(1), spans.get(1)[0]), caller);
                }
                case "vfree", "kvfree" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new Vfree(target(args.get(0), spans.get(0)[0], true), function.equals("kvfree"));
                }
                case "kmap" -> {
                    arity(function, args, 1, callAt);
                    yield new Kmap(variable, identArg(args.get(0), spans.get(0)[0]));
                }
                case "kunmap" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new Kunmap(identArg(args.get(0), spans.get(0)[0]));
                }
                case "translate" -> {
                    noResult(variable, function, callAt);
                    arity(function, args, 1, callAt);
                    yield new Translate(target(args.get(0), spans.get(0)[0], true));
                }
                default -> throw error(callAt, "unknown function '" + function + "' (expected one of " + String.join(", ", KNOWN) + ")");
            };
        }

        /** A size_t: a size with units, or a number up to 2^64 - 1 (hex), so that overflowing products can be written. */
        private long sizeT(String text, int at) {
            String t = text.trim();
            if (t.startsWith("-")) throw error(at, "a size_t cannot be negative ('" + t + "'); in C it would wrap to a huge size");
            if (t.startsWith("0x") || t.startsWith("0X")) {
                try {
                    return Long.parseUnsignedLong(t.substring(2), 16);
                } catch (NumberFormatException e) {
                    throw error(at, "'" + t + "' is not a size_t (at most 0xffffffffffffffff)");
                }
            }
            return size(t, at);
        }

        private void noResult(String variable, String function, int at) {
            if (variable != null) throw error(at, function + "() returns nothing to assign to '" + variable + "'");
        }

        private void arity(String function, List<String> args, int n, int at) {
            if (args.size() != n || (n > 0 && args.get(0).isEmpty()))
                throw error(at, function + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", found " + args.size());
        }

        /** The argument spans between '(' and the matching ')', split at top-level commas. */
        private List<int[]> arguments() {
            pos++;
            List<int[]> spans = new ArrayList<>();
            int start = pos, depth = 0;
            boolean quoted = false;
            while (true) {
                if (atEnd()) throw error(pos, "expected ')' to close the call");
                char ch = src.charAt(pos);
                if (quoted) {
                    if (ch == '\\') pos++;
                    else if (ch == '"') quoted = false;
                } else if (ch == '"') quoted = true;
                else if (ch == '(') depth++;
                else if (ch == ')' && depth > 0) depth--;
                else if (ch == ')' || (ch == ',' && depth == 0)) {
                    spans.add(new int[]{start, pos});
                    pos++;
                    if (ch == ')') break;
                    start = pos;
                    continue;
                }
                pos++;
            }
            if (spans.size() == 1 && src.substring(spans.get(0)[0], spans.get(0)[1]).isBlank()) spans.clear();
            for (int[] s : spans) while (s[0] < s[1] && src.charAt(s[0]) == ' ') s[0]++;
            return spans;
        }

        private int gfp(String text, int at) {
            try {
                return GfpParser.parse(text).mask();
            } catch (GfpParseException e) {
                throw error(at + Math.max(0, e.column() - 1), e.getMessage());
            }
        }

        private int order(String text, int at) {
            long v = number(text, at);
            if (v < 0 || v > 31) throw error(at, "an order is 0..31 (MAX_PAGE_ORDER is 10), found " + text);
            return (int) v;
        }

        private Target target(String text, int at, boolean addressAllowed) {
            if (text.equals("NULL")) return Target.address(0);
            if (IDENT.matcher(text).matches()) return Target.variable(text);
            if (addressAllowed) return Target.address(number(text, at));
            throw error(at, "expected the variable that holds the struct page *, found '" + text + "'");
        }

        private String identArg(String text, int at) {
            if (!IDENT.matcher(text).matches()) throw error(at, "expected a variable name, found '" + text + "'");
            return text;
        }

        private long size(String text, int at) {
            try {
                return Sizes.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }

        private long number(String text, int at) {
            try {
                String t = text.trim();
                return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error(at, "expected a number, found '" + text.trim() + "'");
            }
        }

        private String stringAt(int offset) {
            skipSpaces();
            try {
                return string();
            } catch (ScriptException e) {
                throw error(offset + e.column() - 1, e.reason());
            }
        }

        private String string() {
            if (atEnd() || peek() != '"') throw error(pos, "expected a quoted string");
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (atEnd()) throw error(pos, "the string is not closed with '\"'");
                char ch = src.charAt(pos++);
                if (ch == '"') return sb.toString();
                if (ch == '\\' && !atEnd()) ch = src.charAt(pos++);
                sb.append(ch);
            }
        }

        private String ident(String what) {
            Matcher m = IDENT.matcher(src).region(pos, src.length());
            if (!m.lookingAt()) throw error(pos, "expected " + what + (atEnd() ? "" : ", found '" + peek() + "'"));
            pos = m.end();
            return m.group();
        }

        /** A run of non-space characters up to a comment. */
        private String word(String what) {
            int start = pos;
            while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '#') pos++;
            if (start == pos) throw error(pos, "expected " + what);
            return src.substring(start, pos);
        }

        private void expectChar(char c) {
            skipSpaces();
            if (atEnd() || peek() != c) throw error(pos, "expected '" + c + "'");
            pos++;
        }

        private void skipSpaces() { while (!atEnd() && Character.isWhitespace(peek())) pos++; }

        private boolean atEnd() { return pos >= src.length(); }

        private char peek() { return src.charAt(pos); }

        private ScriptException error(int at, String reason) { return new ScriptException(file, lineNo, at + 1, reason); }
    }

    /** A zone by its kernel name, in any case as {@code expect free} takes it; null if there is none. */
    private static ZoneType zoneNamed(String name) {
        for (ZoneType z : ZoneType.values()) if (z.kernelName().equalsIgnoreCase(name)) return z;
        return null;
    }

    private static Quiz.Kind choiceKind(String choice) {
        if (choice.equals("yes") || choice.equals("no")) return Quiz.Kind.YES_NO;
        return zoneNamed(choice) != null ? Quiz.Kind.ZONE : Quiz.Kind.CACHE;
    }

    private static String kindName(Quiz.Kind kind) {
        return switch (kind) {
            case YES_NO -> "a yes/no answer";
            case ZONE -> "a zone";
            case CACHE -> "a cache name";
        };
    }

    /** A quiz choice: yes, no, a zone name or a slab cache name (kmalloc-128, dma-kmalloc-512, task_struct). */
    private static final Pattern CHOICE = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final String MIGRATE_TYPE_NAMES = Arrays.stream(MigrateType.values()).map(MigrateType::kernelName)
            .collect(Collectors.joining(", "));
    private static final Pattern THOUSANDTHS = Pattern.compile("(-?)(\\d{1,6})(?:\\.(\\d{1,3}))?");
    private static final String ZONE_NAMES = Arrays.stream(ZoneType.values()).map(ZoneType::kernelName)
            .collect(Collectors.joining(", "));
    private static final List<String> KNOWN = List.of("alloc_pages", "__get_free_pages", "get_zeroed_page",
            "__free_pages", "free_pages", "free_page", "user_process", "page_cache", "exit_process", "drop_cache",
            "kmalloc", "kzalloc", "kcalloc", "kmalloc_array", "krealloc", "kfree", "kmem_cache_create",
            "kmem_cache_alloc", "kmem_cache_free", "kmem_cache_destroy", "create_task", "exit_task",
            "vmalloc", "vzalloc", "kvmalloc", "kvzalloc", "vfree", "kvfree", "kmap", "kunmap", "translate");
    private static final String TLB_NAMES = Arrays.stream(Tlb.Structure.values()).map(Tlb.Structure::keyword)
            .collect(Collectors.joining(", "));
    private static final String TLB_COUNTERS = Arrays.stream(TlbStats.Counter.values()).map(TlbStats.Counter::keyword)
            .collect(Collectors.joining(", "));
}
