package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.ColorConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A Canvas view's palette as CSS properties ({@code -kmv-NAME}), named once in a String array: the view keeps a
 * {@code ViewColours} and returns {@link #cssMetaData()} from {@code getCssMetaData()}; a change calls
 * {@code onChange} (a theme switch repaints).
 */
public final class ViewColours<V extends Region> {
    private final List<CssMetaData<? extends Styleable, ?>> meta;
    private final List<StyleableObjectProperty<Color>> props = new ArrayList<>();

    public ViewColours(V view, String[] names, java.util.function.Function<V, ViewColours<V>> self, Runnable onChange) {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        for (int i = 0; i < names.length; i++) {
            int k = i;
            CssMetaData<V, Color> m = new CssMetaData<>("-kmv-" + names[i], ColorConverter.getInstance(), Color.GRAY) {
                @Override public boolean isSettable(V v) { return !self.apply(v).props.get(k).isBound(); }

                @Override public StyleableProperty<Color> getStyleableProperty(V v) { return self.apply(v).props.get(k); }
            };
            all.add(m);
            props.add(new SimpleStyleableObjectProperty<>(m, view, names[i], Color.GRAY) {
                @Override protected void invalidated() { onChange.run(); }
            });
        }
        meta = Collections.unmodifiableList(all);
    }

    public List<CssMetaData<? extends Styleable, ?>> cssMetaData() { return meta; }

    public int argb(int i) { return DrawListReplay.argb(props.get(i).get()); }

    Color get(int i) { return props.get(i).get(); }
}
