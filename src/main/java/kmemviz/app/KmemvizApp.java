package kmemviz.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: builds the window through {@code Wiring}. */
public final class KmemvizApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Kmemviz");
        stage.setScene(new Scene(new Label("Kmemviz"), 1280, 800));
        stage.show();
    }
}
