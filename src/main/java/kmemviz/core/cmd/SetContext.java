package kmemviz.core.cmd;

import kmemviz.core.mm.ExecContext;

/** {@code context process | atomic | softirq | hardirq}: where the following calls run. */
public record SetContext(ExecContext context) implements Command {
    public String text() { return "context " + context.keyword(); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
