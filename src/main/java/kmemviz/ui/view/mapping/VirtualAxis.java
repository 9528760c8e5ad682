package kmemviz.ui.view.mapping;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.Profile;
import kmemviz.core.vm.AddressLayout;

/**
 * Kernel virtual address → x on the mapping view's virtual strip. The kernel's regions differ in size by orders
 * of magnitude (a 16 GiB direct map, a 32 TiB vmalloc area of which a few MiB are used), so the strip is a row of
 * segments, each linear over its own span and with its own scale: shown regions share the width by weight, and
 * the stretches between them are compressed into fixed-width gaps that are drawn as such. Addresses are
 * unsigned (x86_64 kernel addresses are negative longs); spans stay below 2^63, so {@code vaddr - start} is a
 * non-negative long inside a segment. Pure arithmetic, no JavaFX.
 */
public final class VirtualAxis {
    /** Width of a compressed gap in pixels. */
    public static final double GAP_PX = 44;

    /** One stretch of the strip: [start, end) drawn from x0 over widthPx. {@code gap}: compressed, not to scale. */
    public record Segment(String name, long start, long end, boolean gap, double x0, double widthPx) {
        public long spanBytes() { return end - start; }

        public double x1() { return x0 + widthPx; }

        /** Bytes per pixel of this segment: the scale it is drawn at. */
        public double bytesPerPx() { return spanBytes() / widthPx; }

        public boolean contains(long vaddr) {
            return Long.compareUnsigned(vaddr, start) >= 0 && Long.compareUnsigned(vaddr, end) < 0;
        }

        public String scaleText() { return "1 px ≈ " + approx(bytesPerPx()); }
    }

    /** A size to two significant digits with a binary unit: "34 MiB", "1.5 GiB", "64 TiB". */
    public static String approx(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) { bytes /= 1024; u++; }
        return (bytes >= 10 || bytes == Math.rint(bytes) ? String.valueOf(Math.round(bytes)) : String.format("%.1f", bytes)) + " " + units[u];
    }

    /** What to show: a name, a span, and a weight (0 for a compressed gap). */
    public record Part(String name, long start, long end, double weight) {}

    private final List<Segment> segments;
    private final double widthPx;

    private VirtualAxis(List<Segment> segments, double widthPx) {
        this.segments = List.copyOf(segments);
        this.widthPx = widthPx;
    }

    /** Lays the parts out over {@code widthPx}: gaps get {@link #GAP_PX}, the rest is shared by weight. */
    public static VirtualAxis of(List<Part> parts, double widthPx) {
        double gaps = 0, weights = 0;
        for (Part p : parts) { if (p.weight() <= 0) gaps += GAP_PX; else weights += p.weight(); }
        double free = Math.max(parts.size(), widthPx - gaps);
        List<Segment> out = new ArrayList<>();
        double x = 0;
        for (Part p : parts) {
            double w = p.weight() <= 0 ? GAP_PX : free * p.weight() / weights;
            out.add(new Segment(p.name(), p.start(), p.end(), p.weight() <= 0, x, w));
            x += w;
        }
        return new VirtualAxis(out, x);
    }

    public List<Segment> segments() { return segments; }

    public double widthPx() { return widthPx; }

    /** The segment holding {@code vaddr}, or null when it is outside everything shown. */
    public Segment segmentOf(long vaddr) {
        for (Segment s : segments) if (s.contains(vaddr)) return s;
        return null;
    }

    /** x of an address, or NaN outside every segment. The end of a segment maps to its right edge. */
    public double x(long vaddr) {
        for (Segment s : segments) {
            if (s.contains(vaddr)) return s.x0() + (double) (vaddr - s.start()) / s.spanBytes() * s.widthPx();
            if (vaddr == s.end()) return s.x1();
        }
        return Double.NaN;
    }

    /** Pixels per 4 KiB page at {@code vaddr} (0 outside). */
    public double pxPerPage(long vaddr) {
        Segment s = segmentOf(vaddr);
        return s == null ? 0 : Profile.PAGE_SIZE / s.bytesPerPx();
    }

    /** The address under x, or {@code fallback} outside the strip. */
    public long addressAt(double x, long fallback) {
        for (Segment s : segments) {
            if (x >= s.x0() && x < s.x1()) {
                long off = (long) ((x - s.x0()) / s.widthPx() * s.spanBytes());
                return s.start() + Math.min(off, s.spanBytes() - 1);
            }
        }
        return fallback;
    }

    /** A label under one or more compressed gaps: its centre (axis x) and the bytes it stands for. */
    public record GapLabel(double x, long spanBytes, int nrGaps) {
        public String text() { return "≈ " + approx(spanBytes); }
    }

    /** Estimated width of a gap label's text at {@code sizePx}: about 0.6 em a character. */
    static double labelWidth(long spanBytes, double sizePx) {
        return ("≈ " + approx(spanBytes)).length() * 0.6 * sizePx;
    }

    /**
     * One label per gap, except that gaps whose labels would collide (i386: the unused end of the vmalloc area,
     * then the 8 KiB hole before pkmap, side by side) share one label, centred over them, that adds up their spans.
     */
    public List<GapLabel> gapLabels(double sizePx) {
        List<GapLabel> out = new ArrayList<>();
        double x0 = 0, x1 = 0, lastRight = Double.NEGATIVE_INFINITY;
        long span = 0;
        int n = 0;
        for (Segment s : segments) {
            if (!s.gap()) continue;
            double mid = (s.x0() + s.x1()) / 2, half = Math.max(labelWidth(s.spanBytes(), sizePx), 9 * 0.6 * sizePx) / 2;
            if (n > 0 && mid - half < lastRight + 4) {
                x1 = s.x1();
                span += s.spanBytes();
                n++;
                double w = Math.max(labelWidth(span, sizePx), 9 * 0.6 * sizePx);
                lastRight = (x0 + x1) / 2 + w / 2;
                continue;
            }
            if (n > 0) out.add(new GapLabel((x0 + x1) / 2, span, n));
            x0 = s.x0();
            x1 = s.x1();
            span = s.spanBytes();
            n = 1;
            lastRight = mid + half;
        }
        if (n > 0) out.add(new GapLabel((x0 + x1) / 2, span, n));
        return out;
    }
}
