package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.KernelReport;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The event log: each command in its C form, what it returned, its allocator events, and the kernel's own
 * messages (warnings, allocation failures, BUG and OOM reports, multi-line, in the kernel's wording).
 * It can be filtered and copied.
 */
public final class EventLogView extends BorderPane {
    /**
     * One line of the log. A kernel report of several lines is as many entries of its kind, one a line: every cell
     * is then one text line high, and the list sets that height for all of them instead of measuring each cell (see
     * {@link EntryCell#fitListToOneLine}). Copying the report's lines gives its text back, joined by newlines.
     */
    public record Entry(Kind kind, String text, int line, int lines) {
        /** A line that stands alone: line 0 of 1. */
        public Entry(Kind kind, String text) { this(kind, text, 0, 1); }
    }

    public enum Kind {
        COMMAND, RESULT, EVENT, NOTE, WARNING, FAILURE, BUG, OOM, ERROR;

        boolean isKernelMessage() { return this == NOTE || this == WARNING || this == FAILURE || this == BUG || this == OOM; }
    }

    public enum Filter {
        ALL("Everything"), COMMANDS("Commands (C)"), KERNEL("Kernel messages");

        private final String label;

        Filter(String label) { this.label = label; }

        @Override public String toString() { return label; }
    }

    /** Commands with more events than this log the first ones and a count (a process faulting in 10k pages). */
    private static final int MAX_EVENT_LINES = 40;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final FilteredList<Entry> filtered = new FilteredList<>(entries);
    private final ListView<Entry> list = new ListView<>(filtered);
    /** A log line and the index of the event it shows; held back until the animation reaches that event. */
    private record Held(int event, Entry entry) {}

    private final java.util.ArrayDeque<Held> held = new java.util.ArrayDeque<>();
    /** The lines of the event the animation is showing (a report's several), highlighted; empty when nothing plays. */
    private List<Entry> current = List.of();
    private boolean scrollPending;
    /** Lines added since the log last scrolled to its end: few keep most cells in view, many replace them all. */
    private int addedSinceScroll;
    /** More lines than the log shows at its tallest (a 1000 px window shows some 40). */
    private static final int SCREENFUL = 100;
    private final ComboBox<Filter> filter = new ComboBox<>(FXCollections.observableArrayList(Filter.values()));

    public EventLogView() {
        getStyleClass().add("event-log");
        list.setId("event-log");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new EntryCell(this::isCurrent));
        filter.setId("log-filter");
        filter.setValue(Filter.ALL);
        filter.valueProperty().addListener((o, a, f) -> filtered.setPredicate(e -> accepts(f, e)));
        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setId("log-copy");
        copy.setTooltip(new Tooltip("Copy the selected lines (a kernel report whole), or every shown line, to the clipboard"));
        copy.setOnAction(e -> copy());
        Button clear = new Button("Clear", new FontIcon(Feather.TRASH_2));
        clear.setTooltip(new Tooltip("Empty the log (the history stays: Save session keeps it)"));
        clear.setOnAction(e -> { revealUpTo(Integer.MAX_VALUE); entries.clear(); });
        Label title = new Label("Event log");
        title.getStyleClass().add("pane-title");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spring, filter, copy, clear);
        bar.getStyleClass().add("pane-header");
        bar.setPadding(new Insets(2, 6, 2, 6));
        setTop(bar);
        setCenter(list);
    }

    private static boolean accepts(Filter f, Entry e) {
        return switch (f) {
            case ALL -> true;
            case COMMANDS -> e.kind() == Kind.COMMAND;
            case KERNEL -> e.kind().isKernelMessage();
        };
    }

    public ObservableList<Entry> entries() { return entries; }

    public void append(Kind kind, String text) {
        revealUpTo(Integer.MAX_VALUE);
        for (Entry line : linesOf(kind, text)) add(line);
    }

    /** A text's lines, empty ones kept (joined by newlines they give the text back), each knowing its place in it. */
    private static List<Entry> linesOf(Kind kind, String text) {
        String[] lines = text.split("\n", -1);
        List<Entry> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) out.add(new Entry(kind, lines[i], i, lines.length));
        return out;
    }

    private void add(Entry e) {
        entries.add(e);
        addedSinceScroll++;
        scrollPending = true;
        requestLayout();
    }

    /**
     * Scrolls to the last line once the list knows the heights of the new lines: scrolled at once, a multi-line
     * report or a line added in the same pulse left the log one line short of its end (after redo, after a script).
     */
    @Override protected void layoutChildren() {
        super.layoutChildren();
        if (!scrollPending) return;
        scrollPending = false;
        list.scrollTo(filtered.size() - 1);
        // scrollTo() only brings the last line's top into view, by estimated heights: go on to the very end. The
        // lines scrolled into view may be wider than the log, and the horizontal scroll bar they bring in then
        // covers the last line: lay the flow out with it and go to the end again. After a screenful of new lines
        // (a job's hand-back) no cell in view stays, and the first pixel scroll is left out: the layout from the
        // last line's top reaches the end too, and that scroll walked the heights of all the log's lines several
        // times over (some 13 ms of the FX frame after a 10,000-command script, before every line had the list's
        // fixed cell size, see EntryCell.fitListToOneLine). After a few lines it is kept:
        // it moves the cells in view, where the layout would fill every cell again (an undo's frame).
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            if (addedSinceScroll <= SCREENFUL) flow.scrollPixels(1e6);
            flow.layout();
            flow.scrollPixels(1e6);
        }
        addedSinceScroll = 0;
    }

    /** Logs a command, what it did, its events, and the kernel's reports, with every event already played. */
    public void log(Outcome out) { log(out, Integer.MAX_VALUE); }

    /**
     * Logs a command at once and holds back the lines of its events that the animation has not played yet
     * ({@code played} of them are shown); {@link #revealUpTo} shows them as it plays, and the result line last.
     */
    public void log(Outcome out, int played) {
        revealUpTo(Integer.MAX_VALUE);
        for (Held line : linesOf(out)) {
            if (line.event() < 0) add(line.entry());
            else held.add(line);
        }
        revealUpTo(played);
    }

    /**
     * Adds many lines at once, as one change of the list: the list view lays itself out once, not once a line (a
     * script of 10,000 commands logs some 100,000 lines when it hands the kernel back).
     */
    public void appendAll(List<Entry> lines) {
        if (lines.isEmpty()) return;
        revealUpTo(Integer.MAX_VALUE);
        entries.addAll(lines);
        addedSinceScroll += lines.size();
        scrollPending = true;
        requestLayout();
    }

    /** The lines {@link #log} writes for {@code out}. No JavaFX: a background job builds them while it runs. */
    public static List<Entry> entriesOf(Outcome out) { return linesOf(out).stream().map(Held::entry).toList(); }

    /**
     * The lines of {@code out}, each with the index of the event it shows: -1 for the command, which shows at once,
     * the number of events for the result, which shows last. A note's text is its report line only, not again as
     * the result.
     */
    private static List<Held> linesOf(Outcome out) {
        List<Held> lines = new ArrayList<>();
        addLines(lines, -1, Kind.COMMAND, out.command().text());
        int shown = 0, hidden = 0, i = 0;
        boolean resultReported = false;
        for (MmEvent e : out.events()) {
            if (e.kind() == EventKind.REPORT) {
                String text = e.report().text() == null || e.report().text().isBlank() ? e.report().headline() : e.report().text();
                addLines(lines, i, kindOf(e.report()), text);
                resultReported |= text.equals(out.message());
            } else if (shown < MAX_EVENT_LINES) {
                lines.add(new Held(i, new Entry(Kind.EVENT, "  " + e.describe())));
                shown++;
            } else hidden++;
            i++;
        }
        if (hidden > 0) lines.add(new Held(i, new Entry(Kind.EVENT, "  … and " + hidden + " more events")));
        Kind result = switch (out.status()) {
            case OK -> Kind.RESULT;
            case NULL_RESULT -> Kind.FAILURE;
            case REFUSED -> Kind.BUG;
            case ERROR, EXPECT_FAILED -> Kind.ERROR;
        };
        if (!(resultReported && result == Kind.RESULT)) addLines(lines, out.events().size(), result, "→ " + out.message());
        return lines;
    }

    private static void addLines(List<Held> lines, int event, Kind kind, String text) {
        for (Entry line : linesOf(kind, text)) lines.add(new Held(event, line));
    }

    /**
     * Shows the held lines of the first {@code played} events; the lines of the last event shown are the current
     * event, highlighted until the command has played out.
     */
    public void revealUpTo(int played) {
        List<Entry> shown = new ArrayList<>();
        int shownEvent = -1;
        while (!held.isEmpty() && held.peek().event() < played) {
            Held line = held.poll();
            if (line.event() != shownEvent) shown.clear();
            shownEvent = line.event();
            shown.add(line.entry());
            add(line.entry());
        }
        List<Entry> now = held.isEmpty() ? List.of() : !shown.isEmpty() ? shown : current;
        if (now != current) {
            current = now;
            list.refresh();
        }
    }

    /** The (last) line of the event the animation is showing, or null when nothing plays. */
    public Entry current() { return current.isEmpty() ? null : current.get(current.size() - 1); }

    /** By identity: two events may log the same words. */
    private boolean isCurrent(Entry e) {
        for (Entry c : current) if (c == e) return true;
        return false;
    }

    static Kind kindOf(KernelReport r) {
        return switch (r.kind()) {
            case NOTE -> Kind.NOTE;
            case ALLOC_FAILURE -> Kind.FAILURE;
            case WARNING -> Kind.WARNING;
            case BUG -> Kind.BUG;
            case OOM_KILL -> Kind.OOM;
        };
    }

    private void copy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(copied().stream().map(Entry::text).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(c);
    }

    /**
     * What Copy takes: every shown line if none is selected, else the selected ones, a kernel report whole for any of
     * its lines (a report was one entry of the log, so a click on it and Copy gave all of it; its lines keep that).
     * A report's first lines may be gone (a long job keeps only its last lines): what is left of it is taken.
     */
    public List<Entry> copied() {
        var selected = list.getSelectionModel().getSelectedIndices();
        if (selected.isEmpty()) return List.copyOf(filtered);
        java.util.SortedSet<Integer> rows = new java.util.TreeSet<>();
        for (int i : selected) {
            Entry e = filtered.get(i);
            int first = i - e.line();
            for (int j = Math.max(0, first), end = Math.min(filtered.size(), first + e.lines()); j < end; j++) {
                Entry other = filtered.get(j);
                if (other.kind() == e.kind() && other.line() == j - first && other.lines() == e.lines()) rows.add(j);
            }
        }
        return rows.stream().map(filtered::get).toList();
    }

    /**
     * A line's kind is a pseudo-class ({@code :command}, {@code :warning}…), not a style class: a cell the list reuses
     * for a line of another kind then only changes state, where a changed style class makes JavaFX build the cell's
     * styles again (some 30 ms on the FX thread for the log's cells after a script's hand-back).
     */
    private static final class EntryCell extends ListCell<Entry> {
        private static final javafx.css.PseudoClass CURRENT = javafx.css.PseudoClass.getPseudoClass("current");
        private static final javafx.css.PseudoClass[] KIND = java.util.Arrays.stream(Kind.values())
                .map(k -> javafx.css.PseudoClass.getPseudoClass(k.name().toLowerCase())).toArray(javafx.css.PseudoClass[]::new);
        /** Measures a line as a cell's text is laid out; not in a scene, so no CSS changes what it is given. */
        private static final javafx.scene.text.Text PROBE = new javafx.scene.text.Text("Xg");

        static { PROBE.setBoundsType(javafx.scene.text.TextBoundsType.LOGICAL_VERTICAL_CENTER); }
        private final java.util.function.Predicate<Entry> current;
        private Kind shownKind;
        /** What the list's cell height was last fitted to by this cell: family, size and insets, not the face. */
        private String fitted;

        EntryCell(java.util.function.Predicate<Entry> current) {
            this.current = current;
            getStyleClass().add("log-cell");
            fontProperty().addListener((o, a, f) -> fitListToOneLine());
            insetsProperty().addListener((o, a, i) -> fitListToOneLine());
            listViewProperty().addListener((o, a, l) -> { fitted = null; fitListToOneLine(); });
        }

        /**
         * Sets the list's fixed cell size to one text line of this cell's font (the tallest of its plain, bold and
         * italic faces: a command is bold, a note italic) within the cell's insets, each time CSS gives the cell a
         * font: the presentation mode's larger font, a theme. The line is measured as a cell's skin lays out its text
         * (bounds centred on the line, {@code LabeledText}); the cells' measured heights are checked against it in
         * LogScrollFxTest. With it VirtualFlow takes every line's height as known, where it measured cells across
         * the log's thousands of lines when a script's lines arrived (some 15 ms of the FX frame).
         */
        private void fitListToOneLine() {
            javafx.scene.text.Font f = getFont();
            if (getListView() == null || f == null) return;
            double insets = snappedTopInset() + snappedBottomInset();
            String fit = f.getFamily() + " " + f.getSize() + " " + insets;   // a command's bold face, :current's border: same fit
            if (fit.equals(fitted)) return;
            fitted = fit;
            double line = 0;
            for (var weight : new javafx.scene.text.FontWeight[] {javafx.scene.text.FontWeight.NORMAL, javafx.scene.text.FontWeight.BOLD})
                for (var posture : javafx.scene.text.FontPosture.values()) {
                    PROBE.setFont(javafx.scene.text.Font.font(f.getFamily(), weight, posture, f.getSize()));
                    line = Math.max(line, PROBE.getLayoutBounds().getHeight());
                }
            double size = snapSizeY(line) + insets;
            if (size != getListView().getFixedCellSize()) getListView().setFixedCellSize(size);
        }

        @Override protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(CURRENT, !empty && item != null && current.test(item));
            Kind kind = empty || item == null ? null : item.kind();
            if (kind != shownKind) {
                if (shownKind != null) pseudoClassStateChanged(KIND[shownKind.ordinal()], false);
                if (kind != null) pseudoClassStateChanged(KIND[kind.ordinal()], true);
                shownKind = kind;
            }
            setText(kind == null ? null : item.text());
        }
    }
}
