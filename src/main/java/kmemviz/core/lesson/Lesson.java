package kmemviz.core.lesson;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson: a script whose file is named {@code NN-ID.kmv} (NN gives the course order) and whose first lines carry
 * two comment headers, {@code # title: ...} and {@code # summary: ...}.
 *
 * @param number the course position, NN of the file name
 * @param id     the file name without NN- and .kmv, lowercase words with dashes: {@code buddy-allocator}
 * @param file   the file name, for error messages: {@code 02-buddy-allocator.kmv}
 * @param text   the whole script, headers included
 */
public record Lesson(int number, String id, String title, String summary, String file, String text) {
    private static final Pattern FILE_NAME = Pattern.compile("(\\d\\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\\.kmv");
    private static final Pattern HEADER = Pattern.compile("#\\s*(title|summary):\\s*(.*\\S)\\s*");

    /**
     * Reads a lesson file's name and headers; the headers are the comment lines before the first statement.
     *
     * @throws IllegalArgumentException naming the file when the name or a header is missing or malformed
     */
    public static Lesson of(String file, String text) {
        Matcher name = FILE_NAME.matcher(file);
        if (!name.matches())
            throw new IllegalArgumentException(file + ": a lesson file is named NN-ID.kmv, such as 02-buddy-allocator.kmv");
        String title = null, summary = null;
        for (String line : text.split("\r?\n")) {
            String t = line.trim();
            if (t.isEmpty()) continue;
            if (!t.startsWith("#")) break;
            Matcher h = HEADER.matcher(t);
            if (!h.matches()) continue;
            if (h.group(1).equals("title")) title = h.group(2);
            else summary = h.group(2);
        }
        if (title == null) throw new IllegalArgumentException(file + ": no '# title: ...' line before the first statement");
        if (summary == null) throw new IllegalArgumentException(file + ": no '# summary: ...' line before the first statement");
        return new Lesson(Integer.parseInt(name.group(1)), name.group(2), title, summary, file, text);
    }
}
