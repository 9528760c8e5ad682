package kmemviz.ui.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.ColorConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A view's palette: the {@link ViewColour}s it paints with, as styleable properties that kmemviz.css sets
 * ({@code -kmv-free}, ...). The view keeps one, returns {@link #cssMetaData()} from {@code getCssMetaData()} and
 * reads colours by name; a change runs {@code onChange}, so a theme switch repaints. Painters get the colours as
 * ARGB ints ({@link #argb}), so they need no JavaFX.
 */
public final class ViewColours<V extends Region> {
    private final List<CssMetaData<? extends Styleable, ?>> meta;
    private final StyleableObjectProperty<Color>[] props;

    /**
     * @param self how to reach a view's own ViewColours: JavaFX may hand one view's CSS metadata another view of the
     *             same class, so the metadata must not hold this instance's properties
     */
    @SuppressWarnings("unchecked")
    public ViewColours(V view, EnumSet<ViewColour> keys, Function<V, ViewColours<V>> self, Runnable onChange) {
        props = (StyleableObjectProperty<Color>[]) new StyleableObjectProperty<?>[ViewColour.values().length];
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        for (ViewColour key : keys) {
            int k = key.ordinal();
            CssMetaData<V, Color> m = new CssMetaData<>(key.cssProperty(), ColorConverter.getInstance(), Color.GRAY) {
                @Override public boolean isSettable(V v) { return !self.apply(v).props[k].isBound(); }

                @Override public StyleableProperty<Color> getStyleableProperty(V v) { return self.apply(v).props[k]; }
            };
            all.add(m);
            props[k] = new SimpleStyleableObjectProperty<>(m, view, key.name(), Color.GRAY) {
                @Override protected void invalidated() { onChange.run(); }
            };
        }
        meta = Collections.unmodifiableList(all);
    }

    public List<CssMetaData<? extends Styleable, ?>> cssMetaData() { return meta; }

    public ObjectProperty<Color> property(ViewColour key) {
        ObjectProperty<Color> p = props[key.ordinal()];
        if (p == null) throw new IllegalArgumentException(key + " is not a colour of this view");
        return p;
    }

    public Color get(ViewColour key) { return property(key).get(); }

    /** The colour as ARGB with alpha, for a painter. */
    public int argb(ViewColour key) { return DrawListReplay.argb(get(key)); }
}
