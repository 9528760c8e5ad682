package kmemviz.core.cmd;

/** A command and the line of the script it came from. */
public record ScriptLine(int line, Command command) {}
