package kmemviz.core.cmd;

import kmemviz.core.mm.Profile;

/** {@code machine NAME} or {@code machine custom ...}: boots a fresh machine. */
public record Machine(Profile profile, String text) implements Command {
    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
