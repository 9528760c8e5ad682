package kmemviz.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link PrimerMerge#prune} leaves out of Primer, and that it is safe to: no node of the app can carry a style
 * class of {@link PrimerMerge#UNUSED}. The controls named there are not used by any class of the app, and no source or
 * stylesheet of the app adds one of those classes or AtlantaFX's constant for it. Whoever starts using one of them
 * takes it off the list, and Primer's rules for it come back.
 */
class PrunedPrimerTest {
    private static final Path SOURCES = Path.of("src/main/java"), RESOURCES = Path.of("src/main/resources");
    /** A string literal; {@code (this, "name"} is a property's name, not a style class. */
    private static final Pattern LITERAL = Pattern.compile("(\\(this, )?\"([^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+)\"");

    @Test
    void aSelectorNamingAnUnusedClassGoesAndTheRestOfItsRuleStays() {
        String css = """
                /* an example: .card > .header { ... } */
                .button,
                .card .button,
                .calendar {
                  -fx-padding: 4px;
                }
                .card > .header:hover {
                  -fx-text-fill: red;
                }
                .label.title-1 {
                  -fx-font-size: 2em;
                }
                .label {
                  -fx-text-fill: -color-fg-default;
                }
                """;
        assertThat(PrimerMerge.prune(css, Set.of("card", "calendar", "title-1"))).isEqualTo("""
                .button {
                  -fx-padding: 4px;
                }
                .label {
                  -fx-text-fill: -color-fg-default;
                }
                """);
    }

    @Test
    void noClassOfTheAppUsesAControlWhoseRulesAreLeftOut() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kmemviz");
        List<String> uses = new ArrayList<>();
        for (var c : app) {
            for (var d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getName();
                for (var e : PrimerMerge.UNUSED.entrySet()) {
                    String owner = e.getValue();
                    boolean control = owner.equals("atlantafx.base.controls") ? target.startsWith(owner + ".") : target.equals(owner);
                    if (control) uses.add(c.getName() + " uses " + target + " (its ." + e.getKey() + " is pruned)");
                }
            }
        }
        assertThat(uses).as("controls whose Primer rules PrimerMerge leaves out").isEmpty();
    }

    @Test
    void noSourceOrStylesheetOfTheAppAddsAnUnusedClass() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path f : files(SOURCES, ".java")) {
            if (f.endsWith("PrimerMerge.java")) continue;
            String text = Files.readString(f);
            for (Matcher m = LITERAL.matcher(text); m.find(); )
                if (m.group(1) == null && PrimerMerge.UNUSED.containsKey(m.group(2))) found.add(f + ": \"" + m.group(2) + "\"");
            for (String constant : constantsOfUnusedClasses())
                if (text.contains(constant)) found.add(f + ": " + constant);
        }
        for (Path f : files(RESOURCES, ".css")) {
            String text = Files.readString(f);
            for (String c : PrimerMerge.UNUSED.keySet())
                if (Pattern.compile("\\." + Pattern.quote(c) + "(?![-\\w])").matcher(text).find()) found.add(f + ": ." + c);
        }
        assertThat(found).as("style classes whose Primer rules PrimerMerge leaves out").isEmpty();
    }

    /** {@code Styles.TITLE_1} and the like: AtlantaFX's names for the modifier classes on the list. */
    private static List<String> constantsOfUnusedClasses() throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Class<?> owner : List.of(atlantafx.base.theme.Styles.class, atlantafx.base.theme.Tweaks.class)) {
            for (Field f : owner.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && PrimerMerge.UNUSED.containsKey((String) f.get(null)))
                    out.add(owner.getSimpleName() + "." + f.getName());
            }
        }
        assertThat(out).as("AtlantaFX's constants for the pruned modifiers").contains("Styles.TITLE_1", "Tweaks.EDGE_TO_EDGE");
        return out;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
