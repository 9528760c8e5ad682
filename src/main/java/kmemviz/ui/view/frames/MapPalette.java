package kmemviz.ui.view.frames;

/**
 * The frame map's colours as opaque ARGB ints, so that the painter needs no JavaFX. The view fills it from its
 * CSS styleable properties; {@code bench render} and the tests build one directly.
 *
 * @param owner       one colour per {@link kmemviz.core.mm.Owner} code
 * @param alloc       colours cycled by allocation id in "colour by allocation" mode
 * @param zoneTint    the gap and margin tint of each zone, by {@link kmemviz.core.mm.ZoneType} ordinal
 * @param background  beyond the last frame
 * @param freeOutline the outline of a free buddy block
 */
public record MapPalette(int[] owner, int[] alloc, int[] zoneTint, int background, int freeOutline) {
    public MapPalette {
        if (alloc.length == 0) throw new IllegalArgumentException("alloc colours must not be empty");
    }

    /** A stable colour per allocation id: neighbouring ids get far-apart colours. */
    public int allocColour(int allocId) {
        return alloc[(int) ((allocId * 7L) % alloc.length)];
    }

    /** Hue steps of equal brightness for the allocation colours: pure arithmetic, no JavaFX. */
    public static int[] hueWheel(int n, double saturation, double brightness) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = hsb(i / (double) n, saturation, brightness);
        return out;
    }

    static int hsb(double hue, double s, double v) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h;
        double f = h - sector, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        double r, g, b;
        switch (sector) {
            case 0 -> { r = v; g = t; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = t; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = t; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        return argb(r, g, b);
    }

    /**
     * {@code argb} with its HSB saturation and brightness scaled (each capped at 1), as JavaFX's
     * {@code Color.deriveColor(0, saturation, brightness, 1)} computes it, so a colour derived here paints as one
     * derived there (channels as floats, as {@code Color} keeps them).
     */
    public static int deriveSb(int argb, double saturation, double brightness) {
        double r = (float) (((argb >> 16) & 0xff) / 255.0), g = (float) (((argb >> 8) & 0xff) / 255.0), b = (float) ((argb & 0xff) / 255.0);
        double max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
        double s = max == 0 ? 0 : (max - min) / max, hue = 0;
        if (s != 0) {
            double rc = (max - r) / (max - min), gc = (max - g) / (max - min), bc = (max - b) / (max - min);
            hue = (r == max ? bc - gc : g == max ? 2 + rc - bc : 4 + gc - rc) / 6;
            if (hue < 0) hue += 1;
        }
        s = Math.min(1, s * saturation);
        double v = Math.min(1, max * brightness);
        int rgb = s == 0 ? argb(v, v, v) : hsb(hue, s, v);
        return (argb & 0xff000000) | (rgb & 0xffffff);
    }

    public static int argb(double r, double g, double b) {
        return 0xff000000 | (int) Math.round(r * 255) << 16 | (int) Math.round(g * 255) << 8 | (int) Math.round(b * 255);
    }
}
