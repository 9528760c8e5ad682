package kmemviz.ui.view.mapping;

/**
 * The stretch of physical memory the mapping view's physical strip shows: pfns [lo, hi), fractional while a zoom
 * animates. On a 16 GiB machine the whole strip is 1 px ≈ 4,000 frames, so every line of an allocation lands on
 * one pixel; following the focus, the strip shows just the frames the allocation uses, with a margin, and a
 * vmalloc area's fan-out becomes visible. Pure arithmetic, no JavaFX.
 */
public record PhysicalWindow(double lo, double hi) {
    /** Never narrower than this many frames, so a one-page allocation shows as a box among its neighbours. */
    public static final int MIN_FRAMES = 16;

    public PhysicalWindow {
        if (!(hi > lo)) throw new IllegalArgumentException("empty pfn range [" + lo + ", " + hi + ")");
    }

    public static PhysicalWindow whole(int nrFrames) { return new PhysicalWindow(0, Math.max(1, nrFrames)); }

    /**
     * The frames [minPfn, maxPfn] with a margin of an eighth of their span on each side (so the allocation fills
     * about 80 % of the strip), at least {@link #MIN_FRAMES} wide, shifted to stay inside [0, nrFrames).
     */
    public static PhysicalWindow around(int minPfn, int maxPfn, int nrFrames) {
        if (minPfn > maxPfn || minPfn < 0 || maxPfn >= nrFrames) throw new IllegalArgumentException(
                "frames " + minPfn + " … " + maxPfn + " outside 0 … " + (nrFrames - 1));
        double span = maxPfn + 1 - minPfn;
        double margin = Math.max(span / 8, (MIN_FRAMES - span) / 2);
        double lo = minPfn - margin, hi = maxPfn + 1 + margin;
        if (hi - lo >= nrFrames) return whole(nrFrames);
        if (lo < 0) { hi -= lo; lo = 0; }
        if (hi > nrFrames) { lo -= hi - nrFrames; hi = nrFrames; }
        return new PhysicalWindow(Math.floor(lo), Math.ceil(hi));
    }

    public double span() { return hi - lo; }

    public boolean isWhole(int nrFrames) { return lo <= 0 && hi >= nrFrames; }

    public boolean contains(int pfn) { return pfn >= lo && pfn < hi; }

    /**
     * The range a fraction {@code t} (0 … 1) of the way to {@code to}. The span moves geometrically, so a zoom from
     * 4 M frames to 2 K frames takes as long per factor of two as the rest of it; the centre moves with the span.
     */
    public PhysicalWindow towards(PhysicalWindow to, double t) {
        if (t <= 0) return this;
        if (t >= 1) return to;
        double span = span() * Math.pow(to.span() / span(), t);
        double s = Math.abs(to.span() - span()) < 1e-9 ? t : (span - span()) / (to.span() - span());
        double centre = mid() + (to.mid() - mid()) * s;
        return new PhysicalWindow(centre - span / 2, centre + span / 2);
    }

    private double mid() { return (lo + hi) / 2; }

    /** Frames per pixel over {@code widthPx}, or below 1 when a frame is wider than a pixel. */
    public double framesPerPx(double widthPx) { return span() / Math.max(1, widthPx); }

    /** "1 px ≈ 4,088 frames", "1 px ≈ 2 frames", "1 frame ≈ 12 px". */
    public String scaleText(double widthPx) {
        double f = framesPerPx(widthPx);
        if (f >= 1.5) return String.format("1 px ≈ %,d frames", Math.round(f));
        if (f >= 0.67) return "1 px ≈ 1 frame";
        return String.format("1 frame ≈ %,d px", Math.round(1 / f));
    }
}
