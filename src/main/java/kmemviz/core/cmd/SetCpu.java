package kmemviz.core.cmd;

/** {@code cpu K}: the following commands run on CPU K (CPU 0 after boot), which picks their per-CPU lists. */
public record SetCpu(int cpu) implements Command {
    public SetCpu {
        if (cpu < 0) throw new IllegalArgumentException("cpu must be >= 0, was " + cpu);
    }

    public String text() { return "cpu " + cpu; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
