package kmemviz.ui.control;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import kmemviz.core.cmd.Command;
import kmemviz.core.cmd.Kmalloc;
import kmemviz.core.cmd.Sizes;
import kmemviz.core.cmd.TlbCommand;
import kmemviz.core.cmd.Touch;
import kmemviz.core.cmd.Vmalloc;
import java.util.List;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.Profile;
import kmemviz.core.vm.TlbStats;
import kmemviz.ui.view.LazyTooltip;
import kmemviz.ui.view.Selection;
import kmemviz.ui.view.tlb.TlbStatsView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The TLB panel's buttons: access workloads on the selected allocation ({@code touch}), a flush, a counter reset,
 * and Compare, which touches a 4 MiB kmalloc buffer and a 4 MiB vmalloc buffer (made first if the script has no
 * {@code k4m} and {@code v4m}) after a flush each, and shows their walks and estimated cycles side by side.
 * Every action is a command; the figures are the core's, as each command's outcome carries them.
 */
public final class TlbController {
    static final String KMALLOC_VAR = "k4m", VMALLOC_VAR = "v4m";
    private static final long FOUR_MIB = 4L << 20;
    private final CommandRunner runner;
    private final KernelJobs jobs;
    private final Selection selection;
    private final TlbStatsView stats;
    private final Label message = new Label();
    private final javafx.beans.property.BooleanProperty fits = new javafx.beans.property.SimpleBooleanProperty(this, "fits", true);
    private final TextField stride = new TextField("8KiB");
    private final Button sequential = button("Sequential", "tlb-sequential", Feather.ARROW_RIGHT, "touch p: every page once, in order");
    private final Button random = button("Random", "tlb-random", Feather.SHUFFLE, "touch p random count=1000 seed=1");
    private final Button strideButton = button("Stride", "tlb-stride", Feather.SKIP_FORWARD, "touch p stride=BYTES: one access every BYTES");
    private final Button flush = button("Flush", "tlb-flush", Feather.TRASH_2, "tlb flush: __flush_tlb_all(), every entry goes");
    private final Button reset = button("Reset counters", "tlb-reset", Feather.ROTATE_CCW, "tlb reset: zero the counters, keep the entries");
    private final Button compare = button("Compare kmalloc vs vmalloc", "tlb-compare-run", Feather.BAR_CHART_2,
            "Touch every page of a 4 MiB kmalloc and a 4 MiB vmalloc buffer, each after a flush, and compare walks and cycles");

    public TlbController(CommandRunner runner, KernelJobs jobs, Selection selection, TlbStatsView stats) {
        this.runner = runner;
        this.jobs = jobs;
        this.selection = selection;
        this.stats = stats;
        message.setId("tlb-message");
        message.getStyleClass().add("size-hint");
        message.setWrapText(true);
        stride.setId("tlb-stride-bytes");
        stride.setPrefColumnCount(6);
        LazyTooltip.install(stride, "Stride in bytes for the Stride workload (4096, 8KiB, 2MiB)");
        sequential.setOnAction(e -> onSelected(Touch::sequential));
        random.setOnAction(e -> onSelected(v -> new Touch(v, Touch.Pattern.RANDOM, 1000, 1, 0)));
        strideButton.setOnAction(e -> {
            long bytes;
            try {
                bytes = Sizes.parse(stride.getText());
                if (bytes <= 0) throw new IllegalArgumentException("the stride must be above 0");
            } catch (IllegalArgumentException ex) {
                message.setText("Stride: " + ex.getMessage());
                return;
            }
            onSelected(v -> new Touch(v, Touch.Pattern.STRIDE, 0, 0, bytes));
        });
        flush.setOnAction(e -> run(new TlbCommand(TlbCommand.Action.FLUSH, null, 0, 0, 0)));
        reset.setOnAction(e -> run(new TlbCommand(TlbCommand.Action.RESET, null, 0, 0, 0)));
        compare.setOnAction(e -> compare());
        for (Button b : new Button[] {sequential, random, strideButton, flush, reset}) b.disableProperty().bind(runner.busyProperty());
        compare.disableProperty().bind(runner.busyProperty().or(fits.not()));
        refresh();
    }

    /**
     * Whether this machine can hold the two 4 MiB buffers with room to spare. On the 4 MiB classroom machine the
     * comparison set off three kernel reports and an OOM panic: it is offered only where it fits.
     */
    static boolean fits(Kernel k) { return (long) k.memory().frames().nrFrames() * Profile.PAGE_SIZE >= MIN_MACHINE_BYTES; }

    /** Four times the two buffers, so that neither needs reclaim or the OOM killer. */
    static final long MIN_MACHINE_BYTES = 4 * 2 * FOUR_MIB;

    /** After each command (File > New machine changes the machine): offer Compare only where it fits. */
    public void refresh() {
        boolean was = fits.get();
        fits.set(fits(runner.kernel()));
        if (!fits.get()) message.setText(notHere());
        else if (!was) message.setText("");
    }

    private String notHere() {
        return String.format("Compare kmalloc vs vmalloc needs two 4 MiB buffers; %s has %s. Boot x86_64-16g "
                + "(File > New machine) to run it.", kmemviz.core.cmd.MachineName.of(runner.kernel().profile()),
                String.format("%,d MiB", ((long) runner.kernel().memory().frames().nrFrames() * Profile.PAGE_SIZE) >> 20));
    }

    public Button[] buttons() { return new Button[] {sequential, random, strideButton, flush, reset, compare}; }

    public TextField strideField() { return stride; }

    public Label message() { return message; }

    private void onSelected(java.util.function.Function<String, Command> make) {
        int id = selection.selectedAllocId();
        String v = id == 0 ? null : runner.kernel().variableFor(id);
        if (v == null) {
            message.setText(id == 0 ? "Select an allocation first (click it in a map), then run a workload on it."
                    : "The selected allocation has no variable to touch (it was freed, or made by the kernel itself).");
            return;
        }
        // A long touch runs as a background job with progress and Cancel; the core refuses one above its limit.
        jobs.execute(make.apply(v), out -> message.setText(out.message()));
    }

    private Outcome run(Command c) {
        Outcome out = runner.execute(c);
        message.setText(out.message());
        return out;
    }

    /** The seed's TLB argument in one picture: same size, same accesses, very different walks. */
    public void compare() { compare(null); }

    /**
     * Runs the comparison as a background job (on x86_64-16g it takes hundreds of milliseconds); {@code onDone}
     * (may be null) runs on the FX thread once its figures are shown.
     */
    public void compare(Runnable onDone) {
        if (!fits(runner.kernel())) {
            message.setText(notHere());
            return;
        }
        jobs.run("Compare kmalloc vs vmalloc", this::comparison, c -> {
            if (c.refused() != null) {
                message.setText("Compare needs a 4 MiB kmalloc and a 4 MiB vmalloc buffer; the kernel refused one: " + c.refused());
                return;
            }
            stats.showComparison(new String[] {"kmalloc " + KMALLOC_VAR, "vmalloc " + VMALLOC_VAR}, c.walks(), c.cycles());
            message.setText(String.format("kmalloc: %,d page walks, vmalloc: %,d, for the same 1,024 accesses", c.walks()[0], c.walks()[1]));
            if (onDone != null) onDone.run();
        });
    }

    /** Walks and cycles of the two buffers, or why one could not be made. */
    private record Comparison(long[] walks, long[] cycles, String refused) {}

    /** Worker thread: the kernel is the job's. */
    private Comparison comparison(JobProgress progress) {
        Kernel k = runner.kernel();
        if (!live(k, KMALLOC_VAR)) {
            Outcome out = k.execute(new Kmalloc(KMALLOC_VAR, Kmalloc.Flavor.KMALLOC, 1, FOUR_MIB, Gfp.KERNEL, ""));
            if (!live(k, KMALLOC_VAR)) return new Comparison(null, null, out.message());
        }
        if (!live(k, VMALLOC_VAR)) {
            Outcome out = k.execute(new Vmalloc(VMALLOC_VAR, Vmalloc.Flavor.VMALLOC, FOUR_MIB, Gfp.KERNEL, ""));
            if (!live(k, VMALLOC_VAR)) return new Comparison(null, null, out.message());
        }
        long[] walks = new long[2], cycles = new long[2];
        String[] v = {KMALLOC_VAR, VMALLOC_VAR};
        for (int i = 0; i < 2; i++) {
            progress.checkCancelled();
            KernelJobs.runAll(k, List.of(new TlbCommand(TlbCommand.Action.FLUSH, null, 0, 0, 0),
                    new TlbCommand(TlbCommand.Action.RESET, null, 0, 0, 0), Touch.sequential(v[i])), progress);
            TlbStats s = k.vm().tlb().stats();
            walks[i] = s.walks();
            cycles[i] = s.cycles();
        }
        return new Comparison(walks, cycles, null);
    }

    private static boolean live(Kernel k, String var) {
        var p = k.variables().get(var);
        return p != null && p.allocId() != 0 && k.memory().allocations().get(p.allocId()) != null;
    }

    private static Button button(String text, String id, Feather icon, String help) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setMnemonicParsing(false);
        LazyTooltip.install(b, help);
        return b;
    }
}
