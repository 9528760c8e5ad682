package kmemviz.core.cmd;

/** {@code t = create_task("worker")}: a kernel task and its fixed-size stack of THREAD_SIZE. */
public record CreateTask(String variable, String name) implements VmCommand {
    public String text() { return Texts.assign(variable, "create_task(" + Texts.quote(name) + ")", ""); }

    public <R> R accept(VmCommand.Visitor<R> visitor) { return visitor.visit(this); }
}
