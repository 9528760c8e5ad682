package kmemviz.core.procfs;

/** Something an importer could not use, named by file and line (0 for the file as a whole); the import goes on. */
public record ImportProblem(String file, int line, String message) {
    @Override
    public String toString() { return line > 0 ? file + ":" + line + ": " + message : file + ": " + message; }
}
