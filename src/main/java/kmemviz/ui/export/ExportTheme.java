package kmemviz.ui.export;

import java.util.Locale;

/**
 * The look of an exported figure: the window's light or dark theme, or print: white background, black text and
 * colours ordered by lightness (viridis), so that the owners stay apart when a page is printed in greys.
 */
public enum ExportTheme {
    LIGHT, DARK, PRINT;

    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public static ExportTheme parse(String name) {
        for (ExportTheme t : values()) if (t.cliName().equals(name.toLowerCase(Locale.ROOT))) return t;
        throw new IllegalArgumentException("unknown theme '" + name + "' (valid: " + ExportView.names(values()) + ")");
    }
}
