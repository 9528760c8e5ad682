package kmemviz.core.cmd;

/** One script line parsed as line {@code lineNo} of demo.kmv, for the parser tests: its command, or its error. */
record ParseProbe(int lineNo) {
    private static final ScriptParser PARSER = new ScriptParser("demo.kmv");

    Command one(String line) { return PARSER.parseLine(line, lineNo); }

    ScriptException error(String line) {
        try {
            one(line);
        } catch (ScriptException e) {
            return e;
        }
        throw new AssertionError("no error for: " + line);
    }
}
