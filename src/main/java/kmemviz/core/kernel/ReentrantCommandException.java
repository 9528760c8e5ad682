package kmemviz.core.kernel;

/** A listener issued a command while another was running: a bug in the listener, never swallowed by the fan-out. */
final class ReentrantCommandException extends IllegalStateException {
    ReentrantCommandException(String message) { super(message); }
}
