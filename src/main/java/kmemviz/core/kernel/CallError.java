package kmemviz.core.kernel;

/**
 * A call that cannot run as written: it names an unknown variable, or a variable of the wrong kind. Thrown before
 * the call changed anything; {@link Kernel} turns it into an {@link Outcome.Status#ERROR} outcome with this message.
 */
final class CallError extends RuntimeException {
    CallError(String message) {
        super(message, null, false, false);   // an answer to the user, not a fault: no stack trace to fill in
    }
}
