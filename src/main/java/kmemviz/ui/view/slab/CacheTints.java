package kmemviz.ui.view.slab;

/**
 * A colour per slab cache that stays the same from run to run: the slab owner's colour, lighter or darker and
 * turned a little round the hue wheel by a hash of the cache's name. The map's slab pages and the slab view's
 * objects use the same shade, so "these pages are kmalloc-128's" can be read off both. Pure arithmetic.
 */
public final class CacheTints {
    /** Brightness steps: the middle ones keep the slab hue recognisable, the ends tell neighbours apart; none comes near the pale free colour. */
    private static final double[] LIGHT = {-0.36, 0.22, -0.18, 0.0, -0.48, 0.11};

    private CacheTints() {}

    /** The shade of {@code base} for the cache named {@code name}. */
    public static int shade(int base, String name) {
        int h = name.hashCode() * 0x9E3779B9;
        double l = LIGHT[Math.floorMod(h >>> 8, LIGHT.length)];
        int r = (base >> 16) & 0xff, g = (base >> 8) & 0xff, b = base & 0xff;
        // A small hue turn: rotate the channels' weights by up to 12 % (orange leans to red or to yellow).
        double turn = (Math.floorMod(h >>> 16, 5) - 2) * 0.06;
        int r2 = clamp(r + (int) (turn * (g - b))), g2 = clamp(g + (int) (turn * (b - r) * -1)), b2 = b;
        return mix(0xff000000 | r2 << 16 | g2 << 8 | b2, l);
    }

    /** Towards white for {@code l > 0}, towards black for {@code l < 0}. */
    static int mix(int c, double l) {
        int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
        int t = l > 0 ? 255 : 0;
        double f = Math.abs(l);
        return 0xff000000 | clamp((int) Math.round(r + (t - r) * f)) << 16 | clamp((int) Math.round(g + (t - g) * f)) << 8
                | clamp((int) Math.round(b + (t - b) * f));
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}
