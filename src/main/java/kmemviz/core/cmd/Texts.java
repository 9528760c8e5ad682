package kmemviz.core.cmd;

/** How command texts are put together, so that every command prints the same way. */
final class Texts {
    private Texts() {}

    static String assign(String variable, String call, String caller) {
        return (variable == null ? "" : variable + " = ") + call + (caller.isEmpty() ? "" : "  # " + caller);
    }

    static String quote(String s) { return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"'; }
}
