package kmemviz.ui.control;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.mm.Profile;

/**
 * The classroom machine's switch between the textbook buddy allocator it starts with ({@code pcp=off
 * migratetypes=off}) and the allocator as Linux 6.12 runs it ({@code pcp=on migratetypes=on}): a button in the
 * buddy panel's header (the presentation toolbar has no room left at 1280x720),
 * shown only on that machine, that boots it again with the other setting as a {@code machine} command, so the
 * switch is in the log, in a saved script, and undone by Undo.
 */
public final class ClassroomAllocatorToggle {
    static final String TO_612 = "machine " + Profile.TEXTBOOK + " pcp=on migratetypes=on";
    static final String TO_TEXTBOOK = "machine " + Profile.TEXTBOOK + " pcp=off migratetypes=off";

    private final CommandRunner runner;
    private final Button button = new Button();

    public ClassroomAllocatorToggle(CommandRunner runner) {
        this.runner = runner;
        button.setId("classroom-allocator-toggle");
        // As low as the panel's title and beside it: a second header row would push the free lists out of sight.
        button.getStyleClass().add("small");
        button.setPadding(new javafx.geometry.Insets(0, 6, 0, 6));
        button.setOnAction(e -> runner.execute(next()));
        button.disableProperty().bind(runner.busyProperty());
        refresh();
    }

    public Button button() { return button; }

    /** Follows the machine: call after every command and reset. FX thread. */
    public void refresh() {
        Profile p = runner.kernel().profile();
        boolean classroom = Profile.TEXTBOOK.equals(p.name());
        button.setVisible(classroom);
        button.setManaged(classroom);
        if (!classroom) return;
        boolean textbook = !p.pcp() && !p.migratetypes();
        button.setText(textbook ? "Turn on 6.12" : "Back to textbook");
        button.setTooltip(new Tooltip(textbook
                ? "This machine is the textbook buddy allocator: one free list per order, no per-CPU lists.\n"
                        + "Boots a fresh classroom machine as Linux 6.12 runs it: per-CPU page lists and free lists per migrate type\n"
                        + "in 2 MiB pageblocks (" + TO_612 + "). Recorded in the log; Undo goes back."
                : "Boots a fresh classroom machine with one free list per order and no per-CPU lists, as in the textbook\n"
                        + "(" + TO_TEXTBOOK + "). Recorded in the log; Undo goes back."));
    }

    private Machine next() {
        Profile p = runner.kernel().profile();
        String line = !p.pcp() && !p.migratetypes() ? TO_612 : TO_TEXTBOOK;
        return (Machine) new ScriptParser("classroom toggle").parseLine(line, 1);
    }
}
