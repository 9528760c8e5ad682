package kmemviz.core.cmd;

/** {@code exit_process(t)} or {@code drop_cache(f)}: user memory goes back to the allocator. */
public record Release(String function, String variable) implements Command {
    public String text() { return function + "(" + variable + ")"; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
