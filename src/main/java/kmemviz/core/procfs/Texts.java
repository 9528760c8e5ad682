package kmemviz.core.procfs;

/** Short quotes of input in problem messages. */
final class Texts {
    private Texts() {}

    static String clip(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
