package kmemviz.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes AtlantaFX's Primer Light and Primer Dark as one stylesheet, dark where the window's root has the
 * {@code :dark} pseudo-class. Swapping the user-agent stylesheet made JavaFX match every selector of its 4,700-line
 * sheet against every node again (about 140 ms of FX-thread CPU per toggle); with one sheet a toggle changes a
 * pseudo-class, and JavaFX only recomputes the values that depend on it.
 *
 * <p>The two sheets have the same lines in the same order and differ only in values: the {@code .root} block's
 * palette ({@code -color-base-1}, ...), some colours of later rules (a button's hover colour) and the drop shadow of
 * popups. The merge keeps Primer Light and adds
 * <ul>
 *   <li>{@code .root:dark} with the dark palette, right after {@code .root};
 *   <li>for a later colour that differs, a looked-up colour {@code -kmv-primer-N} in its place, defined on
 *       {@code .root} as the light value and on {@code .root:dark} as the dark one. The rule keeps its selector, so
 *       which rule wins for a node is as in either sheet;
 *   <li>for any other value that differs (a shadow's radius, which CSS cannot look up), the rule again with each
 *       selector under {@code .root:dark}, at the end; that is more specific than the light rule, so it is checked
 *       that no other rule of the sheet sets that property on a node the selector names.
 * </ul>
 * Then it leaves out the selectors that name a style class no node of Kmemviz carries ({@link #UNUSED}: the
 * controls it never builds, AtlantaFX's own controls, the modifier classes it never adds), which cannot match
 * anything here. JavaFX tests every node with a style class against each distinct class set of the sheet's selectors
 * (SelectorPartitioning.match, the largest part of the first frame's CSS, and again for each tooltip's popup as it is
 * made): 513 such sets in the whole of Primer, 195 in what is left, which looks the same on every node the app has.
 * Run by the build (pom.xml, process-classes) before the binary-stylesheet step: {@code PrimerMerge OUT.css}.
 */
public final class PrimerMerge {
    private static final String LIGHT = "/atlantafx/base/theme/primer-light.css";
    private static final String DARK = "/atlantafx/base/theme/primer-dark.css";
    private static final Pattern DECLARATION = Pattern.compile("(\\s*)([-\\w]+):\\s*(.*);\\s*");
    private static final Pattern COLOUR = Pattern.compile("-[-\\w]+|#\\p{XDigit}{3,8}|rgba?\\([^()]*\\)|transparent");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern RULE = Pattern.compile("([^{}]*)\\{([^{}]*)}");
    private static final Pattern STYLE_CLASS = Pattern.compile("\\.([-\\w]+)");

    /**
     * Style classes that no node of Kmemviz carries, each with what would carry it: a control the app never builds
     * (PrunedPrimerTest checks that no class of the app uses it), or a modifier that only code adds (AtlantaFX's
     * Styles and Tweaks constants, checked absent from the app's sources and stylesheets). A selector naming one of
     * them, as its subject or as an ancestor, matches nothing here.
     */
    static final Map<String, String> UNUSED = unused();

    private static Map<String, String> unused() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : List.of("date-picker", "date-picker-popup", "calendar")) m.put(c, "javafx.scene.control.DatePicker");
        for (String c : List.of("table-view", "table-row-cell", "table-cell", "column-header")) m.put(c, "javafx.scene.control.TableView");
        m.put("tree-table-view", "javafx.scene.control.TreeTableView");
        for (String c : List.of("tree-view", "tree-cell", "tree-disclosure-node")) m.put(c, "javafx.scene.control.TreeView");
        m.put("pagination", "javafx.scene.control.Pagination");
        for (String c : List.of("color-picker", "custom-color-dialog", "color-palette", "color-palette-region")) m.put(c, "javafx.scene.control.ColorPicker");
        m.put("accordion", "javafx.scene.control.Accordion");
        m.put("html-editor", "javafx.scene.web.HTMLEditor");
        for (String c : List.of("align-center", "align-justify", "align-left", "align-right", "bold", "bullets", "copy", "cut", "hr",
                "indent", "italic", "numbers", "outdent", "paste", "strike", "underline"))
            m.put("html-editor-" + c, "javafx.scene.web.HTMLEditor");
        for (String c : List.of("chart-pie", "chart-pie-label", "chart-pie-label-line", "pie-legend-symbol")) m.put(c, "javafx.scene.chart.PieChart");
        for (String c : List.of("chart-bar", "bar-legend-symbol")) m.put(c, "javafx.scene.chart.BarChart");
        for (String c : List.of("chart-bubble", "bubble-legend-symbol")) m.put(c, "javafx.scene.chart.BubbleChart");
        for (String c : List.of("chart-area-symbol", "chart-series-area-line", "chart-series-area-fill", "area-legend-symbol"))
            m.put(c, "javafx.scene.chart.AreaChart");
        for (String c : List.of("card", "message", "notification", "bb-code", "breadcrumbs", "crumb", "modal-pane", "modal-box",
                "popover", "toggle-switch", "ring-progress-indicator", "custom-text-field", "tile", "input-group", "caption-menu-item"))
            m.put(c, "atlantafx.base.controls");
        for (String c : List.of("button-circle", "button-outlined", "left-pill", "center-pill", "right-pill", "medium", "large",
                "bordered", "dense", "elevated-1", "elevated-2", "elevated-3", "elevated-4", "interactive", "rounded", "striped",
                "classic", "floating", "title-1", "title-2", "title-3", "title-4", "text-caption", "text-small", "text-bold",
                "text-bolder", "text-normal", "text-lighter", "text-italic", "text-oblique", "text-strikethrough", "text-underlined",
                "text-muted", "text-subtle", "text-on-emphasis", "bg-default", "bg-inset", "bg-subtle", "bg-neutral-emphasis-plus",
                "bg-neutral-emphasis", "bg-neutral-muted", "bg-neutral-subtle", "bg-accent-emphasis", "bg-accent-muted",
                "bg-accent-subtle", "bg-warning-emphasis", "bg-warning-muted", "bg-warning-subtle", "bg-success-emphasis",
                "bg-success-muted", "bg-success-subtle", "bg-danger-emphasis", "bg-danger-muted", "bg-danger-subtle",
                "border-default", "border-muted", "border-subtle"))
            m.put(c, "atlantafx.base.theme.Styles");
        for (String c : List.of("no-arrow", "edge-to-edge", "no-header", "alt-icon")) m.put(c, "atlantafx.base.theme.Tweaks");
        return Collections.unmodifiableMap(m);
    }

    private static final String HEADER = "/* Generated by kmemviz.ui.theme.PrimerMerge from AtlantaFX's primer-light.css and primer-dark.css,"
            + " less what no node of Kmemviz can match: do not edit. */\n";

    private PrimerMerge() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: PrimerMerge OUT.css");
        Files.writeString(Path.of(args[0]), HEADER + prune(merge(read(LIGHT), read(DARK)), UNUSED.keySet()), StandardCharsets.UTF_8);
    }

    static String read(String resource) {
        try (InputStream in = PrimerMerge.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the class path (AtlantaFX base)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Primer Light with Primer Dark's differences under {@code .root:dark}; throws where the two differ in shape. */
    static String merge(String lightCss, String darkCss) {
        String[] light = lightCss.split("\n", -1), dark = darkCss.split("\n", -1);
        if (light.length != dark.length)
            throw new IllegalArgumentException("Primer Light has " + light.length + " lines, Primer Dark " + dark.length + ": not one sheet with two palettes");
        if (!light[0].equals(".root {")) throw new IllegalArgumentException("Primer Light line 1: expected '.root {', found '" + light[0] + "'");
        int rootEnd = 1;
        while (!light[rootEnd].equals("}")) rootEnd++;
        List<String> body = new ArrayList<>(), darkRoot = new ArrayList<>(), darkRules = new ArrayList<>();
        Map<String, String> lookups = new LinkedHashMap<>();       // "light\u0000dark" -> -kmv-primer-N
        for (int i = 0; i < light.length; i++) {
            if (light[i].equals(dark[i])) { body.add(light[i]); continue; }
            var l = DECLARATION.matcher(light[i]);
            var d = DECLARATION.matcher(dark[i]);
            if (!l.matches() || !d.matches() || !l.group(2).equals(d.group(2)))
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + light[i] + "' and '" + dark[i] + "' are not one property's two values");
            if (i < rootEnd) {
                body.add(light[i]);
                darkRoot.add(dark[i]);
                continue;
            }
            List<String> lv = values(l.group(3)), dv = values(d.group(3));
            if (lv.size() == dv.size() && lv.stream().allMatch(v -> COLOUR.matcher(v).matches()) && dv.stream().allMatch(v -> COLOUR.matcher(v).matches())) {
                List<String> merged = new ArrayList<>();
                for (int k = 0; k < lv.size(); k++)
                    merged.add(lv.get(k).equals(dv.get(k)) ? lv.get(k)
                            : lookups.computeIfAbsent(lv.get(k) + '\0' + dv.get(k), key -> "-kmv-primer-" + (lookups.size() + 1)));
                body.add(l.group(1) + l.group(2) + ": " + String.join(", ", merged) + ";");
            } else {
                body.add(light[i]);
                darkRules.add(underDark(selectors(light, i)) + " {\n  " + dark[i].strip() + "\n}");
                checkAlone(light, selectors(light, i), l.group(2), i);
            }
        }
        List<String> out = new ArrayList<>();
        out.addAll(body.subList(0, rootEnd));
        lookups.forEach((pair, name) -> out.add("  " + name + ": " + pair.substring(0, pair.indexOf('\0')) + ";"));
        out.add("}");
        out.add(".root:dark {");
        out.addAll(darkRoot);
        lookups.forEach((pair, name) -> out.add("  " + name + ": " + pair.substring(pair.indexOf('\0') + 1) + ";"));
        out.addAll(body.subList(rootEnd, body.size()));
        out.addAll(darkRules);
        return String.join("\n", out) + "\n";
    }

    /**
     * The sheet without the selectors that name one of {@code unused} style classes, and without the rules left with
     * no selector; the other rules keep their place and declarations, so which rule wins for a node is unchanged.
     * Comments go too (Primer's one comment shows a selector with braces).
     */
    static String prune(String css, Set<String> unused) {
        StringBuilder out = new StringBuilder();
        var rule = RULE.matcher(COMMENT.matcher(css).replaceAll(""));
        while (rule.find()) {
            List<String> kept = new ArrayList<>();
            for (String selector : rule.group(1).split(",")) {
                if (selector.isBlank()) continue;
                Set<String> classes = new HashSet<>();
                for (var c = STYLE_CLASS.matcher(selector); c.find(); ) classes.add(c.group(1));
                if (Collections.disjoint(classes, unused)) kept.add(selector.strip());
            }
            if (!kept.isEmpty()) out.append(String.join(",\n", kept)).append(" {").append(rule.group(2)).append("}\n");
        }
        return out.toString();
    }

    /** A value list split at its top-level commas ({@code rgba(0, 0, 0, 0.3)} stays whole). */
    private static List<String> values(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0, from = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) { parts.add(list.substring(from, i).strip()); from = i + 1; }
        }
        parts.add(list.substring(from).strip());
        return parts;
    }

    /** The selectors of the rule line {@code i} is in: the line with '{' above it, and the lines ending in ',' above that. */
    private static List<String> selectors(String[] css, int i) {
        int open = i;
        while (!css[open].contains("{")) open--;
        int first = open;
        while (first > 0 && css[first - 1].strip().endsWith(",")) first--;
        List<String> out = new ArrayList<>();
        for (int k = first; k <= open; k++)
            for (String s : css[k].replace("{", "").split(","))
                if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    private static String underDark(List<String> selectors) {
        List<String> out = new ArrayList<>();
        for (String s : selectors) {
            if (s.startsWith(".root")) throw new IllegalArgumentException(s + ": a .root rule outside the palette, cannot be put under .root:dark");
            out.add(".root:dark " + s);
        }
        return String.join(", ", out);
    }

    /**
     * The dark copy of a rule is more specific than the light one, so it would also beat any other rule that sets
     * {@code property} on the same nodes and won in Primer Dark. Refuses when another rule sets it on a selector whose
     * last part shares a style class with one of these (conservative: any combinators, any pseudo-classes).
     */
    private static void checkAlone(String[] css, List<String> selectors, String property, int line) {
        Set<String> classes = new HashSet<>();
        selectors.forEach(s -> classes.addAll(lastClasses(s)));
        for (int i = 0; i < css.length; i++) {
            var m = DECLARATION.matcher(css[i]);
            if (i == line || !m.matches() || !m.group(2).equals(property)) continue;
            for (String other : selectors(css, i))
                if (!Collections.disjoint(classes, lastClasses(other)))
                    throw new IllegalArgumentException("line " + (line + 1) + ": " + property + " of " + selectors
                            + " differs between light and dark, and line " + (i + 1) + " (" + other + ") also sets it");
        }
    }

    /** The style classes of a selector's last part: ".a > .b.c:hover" has b and c. */
    private static List<String> lastClasses(String selector) {
        String last = selector.substring(Math.max(selector.lastIndexOf(' '), selector.lastIndexOf('>')) + 1);
        List<String> out = new ArrayList<>();
        for (String part : last.split("\\.")) {
            int colon = part.indexOf(':');
            String name = colon < 0 ? part : part.substring(0, colon);
            if (!name.isEmpty()) out.add(name);
        }
        return out;
    }
}
