package kmemviz.ui.control;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import kmemviz.core.cmd.KmemCacheCreate;
import kmemviz.core.cmd.Sizes;
import kmemviz.core.slab.KmemCache;
import kmemviz.ui.control.ApiChoice.Input;
import kmemviz.ui.view.LazyTooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inputs the slab calls add to the toolbar, each shown only for the calls that take it: a count (kcalloc,
 * kmalloc_array), a cache chooser with a "New cache…" button (kmem_cache_alloc), a task name (create_task).
 * It reads them and says what is wrong with them; the core decides everything else.
 */
public final class SlabCallInputs {
    private final CommandRunner runner;
    private final TextField count = new TextField("4");
    private final ComboBox<String> cache = new ComboBox<>();
    private final Button newCache = new Button("New cache…", new FontIcon(Feather.FOLDER_PLUS));
    private final TextField taskName = new TextField("worker");

    public SlabCallInputs(CommandRunner runner, ObjectProperty<ApiChoice> api, Runnable revalidate) {
        this.runner = runner;
        count.setId("count");
        count.setPrefColumnCount(4);
        count.setPromptText("n");
        LazyTooltip.install(count, "n: how many elements (kcalloc and kmalloc_array allocate n * size bytes)");
        cache.setId("cache");
        cache.setPromptText("cache");
        cache.setPrefWidth(150);
        LazyTooltip.install(cache, "The kmem_cache to allocate from: caches that a variable names (kmem_cache_create)");
        newCache.setId("new-cache");
        newCache.setMnemonicParsing(false);
        LazyTooltip.install(newCache, "kmem_cache_create(name, size): a named cache of objects of one size");
        newCache.setOnAction(e -> createCache());
        newCache.disableProperty().bind(runner.busyProperty());
        taskName.setId("task-name");
        taskName.setPrefColumnCount(8);
        LazyTooltip.install(taskName, "The task's name, as in create_task(\"worker\")");
        count.textProperty().addListener((o, a, b) -> revalidate.run());
        cache.valueProperty().addListener((o, a, b) -> revalidate.run());
        taskName.textProperty().addListener((o, a, b) -> revalidate.run());
        api.addListener((o, a, b) -> show(b.input()));
        show(api.get().input());
        refresh();
    }

    /** The nodes for the toolbar, in order; hidden ones take no room. */
    public List<Node> nodes() { return List.of(count, cache, newCache, taskName); }

    public TextField count() { return count; }

    public ComboBox<String> cache() { return cache; }

    public TextField taskName() { return taskName; }

    private void show(Input in) {
        visible(count, in == Input.COUNT_AND_BYTES);
        visible(cache, in == Input.CACHE);
        visible(newCache, in == Input.CACHE);
        visible(taskName, in == Input.NAME);
    }

    private static void visible(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    /** What is wrong with the inputs this call takes, or null. */
    public String error(Input in) {
        return switch (in) {
            case COUNT_AND_BYTES -> {
                try {
                    Long.parseUnsignedLong(count.getText().trim());
                    yield null;
                } catch (NumberFormatException e) {
                    yield "Count: '" + count.getText().trim() + "' is not a whole number (size_t)";
                }
            }
            case CACHE -> cache.getValue() == null ? "Choose a cache, or make one with New cache…" : null;
            case NAME -> taskName.getText().isBlank() ? "Give the task a name" : null;
            default -> null;
        };
    }

    public long countValue() { return Long.parseUnsignedLong(count.getText().trim()); }

    /** The variable that holds the chosen cache, or null. */
    public String cacheVariable() {
        return cache.getValue() == null ? null : runner.kernel().cacheVariableFor(cache.getValue());
    }

    public String taskNameValue() { return taskName.getText().trim(); }

    /** Re-lists the caches that variables name (after every command). */
    public void refresh() {
        List<String> names = new ArrayList<>();
        for (KmemCache c : runner.kernel().slab().allocator().caches())
            if (runner.kernel().cacheVariableFor(c.name()) != null) names.add(c.name());
        String keep = cache.getValue();
        if (!names.equals(cache.getItems())) cache.getItems().setAll(names);
        cache.setValue(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(names.size() - 1));
    }

    private void createCache() {
        new NewCacheDialog(runner.kernel().slab().allocator()::cache).showAndWait().ifPresent(r -> {
            var out = runner.execute(new KmemCacheCreate(runner.kernel().freshVariable("c"), r.name(), r.sizeBytes()));
            refresh();
            if (out.ok()) cache.setValue(r.name());
        });
    }

    /** Parses a size for a new cache: 1 byte up to KMALLOC_MAX_SIZE's int range; throws with the reason. */
    static int cacheSize(String text) {
        long bytes = Sizes.parse(text);
        if (bytes <= 0) throw new IllegalArgumentException("a cache's objects need at least 1 byte");
        if (bytes > Integer.MAX_VALUE) throw new IllegalArgumentException(Sizes.format(bytes) + " is far too large for one object");
        return (int) bytes;
    }
}
