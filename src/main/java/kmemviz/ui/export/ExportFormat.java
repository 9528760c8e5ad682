package kmemviz.ui.export;

import java.util.Locale;

/** The file formats of an export: a picture redrawn at a scale, a vector drawing, an animation of steps. */
public enum ExportFormat {
    PNG, SVG, GIF;

    /** {@code png}: the file extension and the command-line name. */
    public String extension() { return name().toLowerCase(Locale.ROOT); }

    public static ExportFormat parse(String name) {
        for (ExportFormat f : values()) if (f.extension().equals(name.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("unknown format '" + name + "' (valid: " + ExportView.names(values()) + ")");
    }
}
