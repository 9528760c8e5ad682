package kmemviz.core.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The built-in course: the lesson files under {@code /lessons/} on the class path (assets/lessons in the source tree,
 * packaged into the jar), in course order. Read once, when built; a lesson that has no valid name or headers fails
 * the catalogue, so that a broken lesson cannot ship.
 */
public final class LessonCatalogue {
    private static final String ROOT = "/lessons";

    private final List<Lesson> lessons;

    LessonCatalogue(List<Lesson> lessons) {
        this.lessons = lessons.stream().sorted(Comparator.comparingInt(Lesson::number)).toList();
        Set<String> ids = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (Lesson l : this.lessons) {
            if (!ids.add(l.id())) throw new IllegalArgumentException(l.file() + ": another lesson has the id " + l.id());
            if (!numbers.add(l.number())) throw new IllegalArgumentException(l.file() + ": another lesson has the number " + l.number());
        }
    }

    /** The lessons packaged with the application. */
    public static LessonCatalogue builtIn() {
        URL root = LessonCatalogue.class.getResource(ROOT);
        if (root == null) throw new IllegalStateException("no " + ROOT + " folder on the class path: the build did not package the lessons");
        try {
            URI uri = root.toURI();
            if (!uri.getScheme().equals("jar")) return new LessonCatalogue(read(Path.of(uri)));
            FileSystem open = openJar(uri);
            if (open != null) return new LessonCatalogue(read(open.getPath(ROOT)));
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return new LessonCatalogue(read(jar.getPath(ROOT)));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the lessons at " + root, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lessons at " + root, e);
        }
    }

    /** The jar's file system if something already opened it (then it is theirs to close), else null. */
    private static FileSystem openJar(URI uri) {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            return null;
        }
    }

    private static List<Lesson> read(Path dir) throws IOException {
        List<Lesson> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".kmv")).toList())
                out.add(Lesson.of(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Every lesson, in course order. */
    public List<Lesson> lessons() { return lessons; }

    /** The lesson with this id ({@code buddy-allocator}), if there is one. */
    public Optional<Lesson> byId(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
