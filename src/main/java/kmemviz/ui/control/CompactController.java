package kmemviz.ui.control;

import java.util.function.Supplier;
import kmemviz.core.cmd.Compact;
import kmemviz.core.mm.ZoneType;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.feather.Feather;

/**
 * The fragmentation panel's one action: {@code compact zone Z} for the zone the panel shows, as a write to
 * /proc/sys/vm/compact_memory would run compact_zone() on it. The command goes to the log, the history and scripts
 * like any other; its COMPACT_* events play on the views.
 */
public final class CompactController {
    private final Action compact;

    /** @param zone the zone the panel shows, or null when there is none */
    public CompactController(KernelJobs jobs, Supplier<ZoneType> zone) {
        compact = Actions.of("Compact zone", Feather.MINIMIZE_2, "Shortcut+Shift+K",
                "Compact the zone shown: move movable pages from its start to free pages at its end (compact zone Z; Ctrl+Shift+K)",
                () -> {
                    ZoneType z = zone.get();
                    if (z != null) jobs.execute(new Compact(z), out -> {});
                });
        compact.disabledProperty().bind(jobs.runner().busyProperty());
    }

    public Action compactAction() { return compact; }
}
