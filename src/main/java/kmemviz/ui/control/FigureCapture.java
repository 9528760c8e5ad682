package kmemviz.ui.control;

import java.util.function.Function;
import kmemviz.ui.export.ExportSettings;
import kmemviz.ui.export.ExportView;
import kmemviz.ui.export.Figure;

/** What File > Export needs from the window: which view is showing, and a view captured as asked. FX thread. */
public interface FigureCapture {
    ExportView showing();

    /** Captures {@code view} in the state {@code s} asks for, hands it to {@code use}, and puts the window back. */
    <T> T capture(ExportView view, ExportSettings s, String caption, Function<Figure, T> use);
}
