package kmemviz.core.cmd;

/** {@code exit_process(t)} or {@code drop_cache(f)}: user memory goes back to the allocator. */
public record Release(Flavor flavor, String variable) implements Command {
    /** exit_process() ends a user_process(); drop_cache() drops a page_cache() file. */
    public enum Flavor {
        EXIT_PROCESS("exit_process"), DROP_CACHE("drop_cache");

        private final String function;

        Flavor(String function) { this.function = function; }

        public String function() { return function; }
    }

    public String text() { return flavor.function() + "(" + variable + ")"; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
