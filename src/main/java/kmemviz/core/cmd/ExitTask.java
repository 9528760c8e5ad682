package kmemviz.core.cmd;

/** {@code exit_task(t)}: the task exits and its stack is freed. */
public record ExitTask(String variable) implements VmCommand {
    public String text() { return "exit_task(" + variable + ")"; }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
