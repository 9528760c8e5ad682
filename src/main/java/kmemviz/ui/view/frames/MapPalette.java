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

    /**
     * {@code argb} with its HSB saturation and brightness scaled (each capped at 1), as JavaFX's
     * {@code Color.deriveColor(0, saturation, brightness, 1)} computes it and Prism paints it: Color keeps its
     * channels as floats and Prism truncates {@code channel * 255}, so a colour derived here paints as one derived there.
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
        double[] rgb = s == 0 ? new double[] {v, v, v} : hsbToRgb(hue, s, v);
        return argb & 0xff000000 | painted(rgb[0]) << 16 | painted(rgb[1]) << 8 | painted(rgb[2]);
    }

    /** The 0-255 level Prism paints for a channel of a JavaFX Color (a float), truncated as it does. */
    static int painted(double channel) { return (int) ((float) channel * 255f); }

    static int hsb(double hue, double s, double v) {
        double[] rgb = hsbToRgb(hue, s, v);
        return argb(rgb[0], rgb[1], rgb[2]);
    }

    /** {@code hue} in turns (0 to 1). */
    private static double[] hsbToRgb(double hue, double s, double v) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h;
        double f = h - sector, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        return switch (sector) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
    }

    public static int argb(double r, double g, double b) {
        return 0xff000000 | (int) Math.round(r * 255) << 16 | (int) Math.round(g * 255) << 8 | (int) Math.round(b * 255);
    }
}
