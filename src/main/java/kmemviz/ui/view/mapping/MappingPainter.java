package kmemviz.ui.view.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.frames.MapPalette;

import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Profile;
import kmemviz.core.vm.AddressLayout;
import kmemviz.core.vm.PageSize;

/**
 * Computes the mapping view as a {@link DrawList}: the virtual strip on top (regions to scale, gaps compressed,
 * areas with guard pages, the direct map's leaf sizes), a compact physical strip below (every frame, coloured by
 * owner) and a line from each mapped virtual page to its frame. No JavaFX, so {@code bench render} times it.
 *
 * <p>Level of detail, because a Canvas pays for the total length of its lines (stack.md: 5,000 lines of 700 px
 * cost ~350 ms): the hovered and the selected allocation always get one line per page (above
 * {@link #DETAIL_PAGES} pages, one per distinct pixel pair); others get one line per page when their pages are at
 * least {@link #PAGE_LINE_PX} wide, and otherwise a bundle: a ribbon for a physically contiguous block, one line
 * per distinct physical pixel column for a scattered area. Unhighlighted lines stop at {@link #LINE_BUDGET_PX}
 * pixels of length; the rest is drawn as ribbons over the span of their frames.
 */
public final class MappingPainter {
    public static final int DETAIL_PAGES = 512;
    public static final double PAGE_LINE_PX = 3;
    public static final double LINE_BUDGET_PX = 120_000;
    static final double MARGIN = 14;

    /**
     * Where things are on screen: the view size, the zoom (1 = the whole strip fits) and the pan in pixels of the
     * virtual strip, and the pfns [physLo, physHi) the physical strip shows (physHi NaN: all of memory).
     */
    public record Frame(double width, double height, double zoom, double pan, double physLo, double physHi) {
        public Frame(double width, double height, double zoom, double pan) { this(width, height, zoom, pan, 0, Double.NaN); }

        public double axisWidth() { return Math.max(100, (width - 2 * MARGIN) * zoom); }

        public double stripTop() { return 40; }

        public double stripBottom() { return 92; }

        /** The band inside the strip that shows the direct map's page sizes. */
        public double bandTop() { return stripBottom() - 14; }

        public double physTop() { return Math.max(stripBottom() + 60, height - 84); }

        public double physBottom() { return physTop() + 34; }

        public double screenX(double axisX) { return MARGIN + axisX - pan; }

        public double axisX(double screenX) { return screenX - MARGIN + pan; }

        public double physWidth() { return Math.max(1, width - 2 * MARGIN); }

        /** The pfn range shown on the physical strip. */
        public PhysicalWindow physRange(int nrFrames) {
            return Double.isNaN(physHi) ? PhysicalWindow.whole(nrFrames) : new PhysicalWindow(physLo, physHi);
        }

        private double hi(int nrFrames) { return Double.isNaN(physHi) ? nrFrames : physHi; }

        /** Left edge of a frame on the physical strip (outside the strip when the frame is not shown). */
        public double physX(int pfn, int nrFrames) { return MARGIN + (pfn - physLo) / (hi(nrFrames) - physLo) * physWidth(); }

        /** Pixels per frame on the physical strip. */
        public double framePx(int nrFrames) { return physWidth() / (hi(nrFrames) - physLo); }

        /** The pfn under a screen x on the physical strip, or -1. */
        public int pfnAt(double x, int nrFrames) {
            double f = (x - MARGIN) / physWidth();
            if (f < 0 || f >= 1) return -1;
            int pfn = (int) Math.floor(physLo + f * (hi(nrFrames) - physLo));
            return pfn < 0 || pfn >= nrFrames ? -1 : pfn;
        }

        /** A physical-strip x kept just outside the strip's ends, so lines to frames not shown point off its edge. */
        double clampPhys(double x) { return Math.max(MARGIN - 4, Math.min(MARGIN + physWidth() + 4, x)); }
    }

    /** What is highlighted: hovered and selected allocation ids (0 none), and a page walk (tablePfns may be empty). */
    public record Focus(int hoverAlloc, int selectedAlloc, long walkVaddr, boolean walkShown, int[] walkTablePfns,
                        String[] walkLevels, int walkFramePfn) {
        public static final Focus NONE = new Focus(0, 0, 0, false, new int[0], new String[0], -1);

        boolean highlighted(int allocId) { return allocId != 0 && (allocId == hoverAlloc || allocId == selectedAlloc); }

        boolean any() { return hoverAlloc != 0 || selectedAlloc != 0; }
    }

    private int[] columns = new int[0];
    private boolean[] seen = new boolean[0];

    /**
     * The physical strip's colour per pixel column: the owner of the last allocated frame in the column, FREE if
     * none. O(frames), so the view calls it on change only, not per repaint.
     */
    public int[] physicalColumns(byte[] owners, int nrFrames, int widthPx, MapPalette palette) {
        return physicalColumns(owners, nrFrames, PhysicalWindow.whole(nrFrames), widthPx, palette);
    }

    /** The same over the pfns of {@code range} only: O(frames in the range). */
    public int[] physicalColumns(byte[] owners, int nrFrames, PhysicalWindow range, int widthPx, MapPalette palette) {
        if (columns.length != widthPx) columns = new int[widthPx];
        double per = range.span() / widthPx;
        for (int c = 0; c < widthPx; c++) {
            int lo = (int) Math.floor(range.lo() + c * per), hi = (int) Math.max(lo + 1, Math.floor(range.lo() + (c + 1) * per));
            int last = lastAllocated(owners, Math.max(0, lo), Math.min(hi, nrFrames));
            columns[c] = palette.owner()[last < 0 ? FREE : owners[last]];
        }
        return columns;
    }

    private static final byte FREE = Owner.FREE.code();
    private static final VarHandle EIGHT_OWNERS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The last pfn in [lo, hi) whose owner is not FREE, or -1. FREE is code 0, so eight free frames read as one zero
     * long: the whole-memory strip of x86_64-16g (4M frames, mostly free) is scanned in a few ms, not some 15.
     */
    static int lastAllocated(byte[] owners, int lo, int hi) {
        int p = hi;
        while (p - Long.BYTES >= lo && (long) EIGHT_OWNERS.get(owners, p - Long.BYTES) == 0L) p -= Long.BYTES;
        for (p--; p >= lo; p--) if (owners[p] != FREE) return p;
        return -1;
    }

    /** Records the whole view into {@code out} (cleared first). */
    public void paint(MappingModel m, VirtualAxis axis, Frame f, Focus focus, byte[] owners, int[] physColumns,
                      MappingPalette pal, DrawList out) {
        paint(m, axis, f, focus, owners, physColumns, null, pal, out);
    }

    /** With {@code overview} (whole-memory columns, or null): a thin bar under a zoomed physical strip marks where it is. */
    public void paint(MappingModel m, VirtualAxis axis, Frame f, Focus focus, byte[] owners, int[] physColumns,
                      int[] overview, MappingPalette pal, DrawList out) {
        out.clear();
        out.fillRect(0, 0, f.width(), f.height(), pal.background());
        paintSegments(axis, f, pal, out);
        paintDirectMap(m, axis, f, pal, out);
        paintPhysical(m, f, physColumns, overview, pal, out);
        paintAreas(m, axis, f, focus, owners, pal, out);
        paintLines(m, axis, f, focus, owners, pal, out);
        paintWalk(m, axis, f, focus, pal, out);
    }

    private static void paintSegments(VirtualAxis axis, Frame f, MappingPalette pal, DrawList out) {
        double top = f.stripTop(), h = f.stripBottom() - top;
        for (VirtualAxis.Segment s : axis.segments()) {
            double x0 = f.screenX(s.x0()), x1 = f.screenX(s.x1());
            if (x1 < 0 || x0 > f.width()) continue;
            if (s.gap()) {
                out.fillRect(x0 + 2, top, x1 - x0 - 4, h, pal.gap());
                double mid = (x0 + x1) / 2;
                // Two zigzags: the conventional "axis broken here" mark.
                for (int k = 0; k < 2; k++) {
                    double cx = mid - 5 + 10 * k;
                    out.line(cx - 4, top - 6, cx + 4, top + h + 6, 1.5, pal.muted());
                }
                continue;
            }
            out.fillRect(x0, top, x1 - x0, h, pal.strip());
            double tx = Math.max(x0, 2) + 4;
            out.text(s.name() + "  " + VirtualAxis.approx(s.spanBytes()), tx, 4, 13, DrawList.LEFT, pal.label());
            out.text(hex(s.start()) + "   ·   " + s.scaleText(), tx, 21, 11, DrawList.LEFT, pal.muted());
        }
        for (VirtualAxis.GapLabel g : axis.gapLabels(10)) {
            double x = f.screenX(g.x());
            if (x < -40 || x > f.width() + 40) continue;
            out.text(g.text(), x, top + h + 6, 10, DrawList.CENTER, pal.muted());
            out.text("not shown", x, top + h + 18, 9, DrawList.CENTER, pal.muted());
        }
    }

    private static void paintDirectMap(MappingModel m, VirtualAxis axis, Frame f, MappingPalette pal, DrawList out) {
        double bandTop = f.bandTop(), bandH = f.stripBottom() - bandTop;
        for (int i = 0; i < m.dmStart.length; i++) {
            double x0 = f.screenX(axis.x(m.dmStart[i])), x1 = f.screenX(axis.x(m.dmEnd[i]));
            if (Double.isNaN(x0) || Double.isNaN(x1) || x1 < 0 || x0 > f.width()) continue;
            int c = pal.pageSize()[sizeIndex(m.dmSize[i])];
            out.fillRect(x0, bandTop, Math.max(1, x1 - x0), bandH, c);
            // The direct map maps all of RAM straight: one faint ribbon per leaf-size run.
            int p0 = (int) ((m.dmStart[i] - m.dmStart[0]) >>> Profile.PAGE_SHIFT);
            int p1 = (int) Math.min(m.nrFrames, (m.dmEnd[i] - m.dmStart[0]) >>> Profile.PAGE_SHIFT);
            // Zoomed in physically, only the part of the run whose frames are shown gets its ribbon.
            PhysicalWindow r = f.physRange(m.nrFrames);
            int c0 = (int) Math.max(p0, Math.floor(r.lo())), c1 = (int) Math.min(p1, Math.ceil(r.hi()));
            if (c0 < c1 && p1 > p0) {
                double vx0 = x0 + (x1 - x0) * (c0 - p0) / (double) (p1 - p0), vx1 = x0 + (x1 - x0) * (c1 - p0) / (double) (p1 - p0);
                out.quad(vx0, vx1, f.stripBottom() + 1, f.clampPhys(f.physX(c0, m.nrFrames)), f.clampPhys(f.physX(c1, m.nrFrames)),
                        f.physTop() - 1, pal.ribbon());
            }
            long tile = m.dmSize[i].bytes();
            double tilePx = tile / ((m.dmEnd[i] - m.dmStart[i]) / Math.max(1e-9, x1 - x0));
            if (m.dmSize[i] != PageSize.SIZE_4K && tilePx >= 6) {
                long first = m.dmStart[i] + Math.max(0, (long) ((-x0) / tilePx)) * tile;
                for (long t = first; Long.compareUnsigned(t, m.dmEnd[i]) < 0; t += tile) {
                    double tx = f.screenX(axis.x(t));
                    if (tx > f.width()) break;
                    out.fillRect(tx, bandTop, 1, bandH, pal.background());
                }
            }
            if (x1 - x0 > 60)
                out.text(m.dmSize[i].label() + " pages", (Math.max(x0, 0) + Math.min(x1, f.width())) / 2, bandTop + 1, 10,
                        DrawList.CENTER, pal.label());
        }
    }

    private static void paintPhysical(MappingModel m, Frame f, int[] cols, int[] overview, MappingPalette pal, DrawList out) {
        double top = f.physTop(), h = f.physBottom() - top;
        int run = 0;
        for (int c = 1; c <= cols.length; c++) {
            if (c < cols.length && cols[c] == cols[run]) continue;
            out.fillRect(MARGIN + run * f.physWidth() / cols.length, top, (c - run) * f.physWidth() / cols.length, h, cols[run]);
            run = c;
        }
        PhysicalWindow r = f.physRange(m.nrFrames);
        double framePx = f.framePx(m.nrFrames);
        if (framePx >= 5) {
            // Frames wide enough to count: a hairline between neighbours, so separate frames read as separate.
            for (int p = (int) Math.ceil(r.lo()); p < r.hi(); p++) out.fillRect(f.physX(p, m.nrFrames) - 0.5, top, 1, h, pal.background());
        }
        String scale = r.scaleText(f.physWidth());
        if (r.isWhole(m.nrFrames)) {
            out.text(String.format("physical memory: %,d frames, pfn 0 … 0x%x   ·   %s", m.nrFrames, m.nrFrames - 1, scale),
                    MARGIN, f.physBottom() + 5, 11, DrawList.LEFT, pal.muted());
            return;
        }
        int lo = (int) Math.max(0, Math.round(r.lo())), hi = (int) Math.min(m.nrFrames, Math.round(r.hi())) - 1;
        out.text(String.format("physical memory, zoomed: pfn 0x%x … 0x%x  (%,d of %,d frames)   ·   %s", lo, hi, hi - lo + 1,
                m.nrFrames, scale), MARGIN, f.physBottom() + 5, 11, DrawList.LEFT, pal.label());
        out.text(String.format("0x%x", hi), MARGIN + f.physWidth(), top - 13, 10, DrawList.RIGHT, pal.muted());
        out.text(String.format("0x%x", lo), MARGIN, top - 13, 10, DrawList.LEFT, pal.muted());
        if (overview == null || overview.length == 0) return;
        // Where the zoomed stretch lies in all of memory: a thin whole-memory bar with the stretch outlined.
        double oy = f.physBottom() + 22, oh = 6, ow = f.physWidth();
        run = 0;
        for (int c = 1; c <= overview.length; c++) {
            if (c < overview.length && overview[c] == overview[run]) continue;
            out.fillRect(MARGIN + run * ow / overview.length, oy, (c - run) * ow / overview.length, oh, overview[run]);
            run = c;
        }
        double bx0 = MARGIN + r.lo() / m.nrFrames * ow, bx1 = MARGIN + r.hi() / m.nrFrames * ow;
        double bw = Math.max(3, bx1 - bx0);
        out.strokeRect(bx0 + (bx1 - bx0) / 2 - bw / 2, oy - 2, bw, oh + 4, 2, pal.highlight());
    }

    private static void paintAreas(MappingModel m, VirtualAxis axis, Frame f, Focus focus, byte[] owners,
                                   MappingPalette pal, DrawList out) {
        double top = f.stripTop() + 6, h = f.bandTop() - 4 - top;
        for (int a = 0; a < m.nrAreas; a++) {
            double x0 = f.screenX(axis.x(m.areaStart[a]));
            double x1 = f.screenX(axis.x(m.areaStart[a] + m.areaMappedBytes[a]));
            if (Double.isNaN(x0) || Double.isNaN(x1) || x1 < -2 || x0 > f.width() + 2) continue;
            if (m.areaKind[a] == MappingModel.Kind.NO_PAGES) {
                // Reserved address space with nothing of ours behind it (ioremap, vmap): muted, neither owner colour
                // nor the guard's red, and its name when it fits.
                double g1 = f.screenX(axis.x(m.areaStart[a] + m.areaGuardBytes[a])), w = Math.max(2, g1 - x0);
                out.fillRect(x0, top, w, h, MappingPalette.alpha(pal.muted(), 0.18));
                out.strokeRect(x0, top, w, h, 1, MappingPalette.alpha(pal.muted(), 0.8));
                if (w > 5.5 * m.areaLabel[a].length()) out.text(m.areaLabel[a], x0 + w / 2, top + h * 0.25 + 1, 9, DrawList.CENTER, pal.muted());
                continue;
            }
            int colour = ownerColour(m, a, owners, pal);
            if (m.areaKind[a] == MappingModel.Kind.KMAP_UNUSED) {
                // kunmap'ed, PTE still there: an outline only, so "still mapped, not in use" reads differently.
                out.fillRect(x0, top, Math.max(2, x1 - x0), h, MappingPalette.alpha(colour, 0.25));
                out.strokeRect(x0, top, Math.max(2, x1 - x0), h, 1, MappingPalette.alpha(colour, 0.9));
            } else out.fillRect(x0, top, Math.max(2, x1 - x0), h, colour);
            if (m.areaGuardBytes[a] > 0) {
                double g1 = f.screenX(axis.x(m.areaStart[a] + m.areaMappedBytes[a] + m.areaGuardBytes[a]));
                double gw = Math.max(1.5, g1 - x1);
                out.fillRect(Math.max(x1, x0 + 2), top + h * 0.25, gw, h * 0.5, pal.guard());
                if (gw > 30) out.text("guard", x1 + gw / 2, top + h * 0.25 + 1, 9, DrawList.CENTER, pal.background());
            }
            if (focus.highlighted(m.areaAllocId[a])) out.strokeRect(x0 - 1, top - 2, Math.max(2, x1 - x0) + 2, h + 4, 2.5, pal.highlight());
        }
    }

    private void paintLines(MappingModel m, VirtualAxis axis, Frame f, Focus focus, byte[] owners, MappingPalette pal,
                            DrawList out) {
        double y0 = f.stripBottom() + 1, y1 = f.physTop() - 1;
        int n = m.nrFrames;
        double budget = LINE_BUDGET_PX;
        double dim = focus.any() ? 0.22 : 0.6;
        int w = (int) Math.ceil(f.width()) + 1;
        if (seen.length < w) seen = new boolean[w];
        for (int pass = 0; pass < 2; pass++) {           // pass 0: the others, pass 1: the highlighted on top
            for (int a = 0; a < m.nrAreas; a++) {
                boolean hi = focus.highlighted(m.areaAllocId[a]);
                if (hi != (pass == 1)) continue;
                double x0 = f.screenX(axis.x(m.areaStart[a]));
                double x1 = f.screenX(axis.x(m.areaStart[a] + m.areaMappedBytes[a]));
                if (Double.isNaN(x0) || Double.isNaN(x1) || x1 < 0 || x0 > f.width()) continue;
                int first = m.areaFirstLine[a], count = m.areaNrLines[a];
                if (count == 0) continue;                         // a reservation without pages has no line down
                double pagePx = (x1 - x0) / count;
                int colour = ownerColour(m, a, owners, pal);
                if (hi) {
                    int c = pal.highlight();
                    // A thousand 1.6 px lines merge into one dark mass: many lines get thinner so the fan stays legible.
                    double lw = count <= 64 ? 1.6 : count <= 256 ? 1.0 : 0.6;
                    if (count <= DETAIL_PAGES) {
                        for (int i = 0; i < count; i++)
                            out.line(x0 + (i + 0.5) * pagePx, y0, physCentre(f, m.linePfn[first + i], n), y1, lw, c);
                    } else perPixelPair(m, f, first, count, x0, pagePx, y0, y1, lw, c, out);
                    continue;
                }
                int c = MappingPalette.alpha(colour, m.areaKind[a] == MappingModel.Kind.KMAP_UNUSED ? dim * 0.4 : dim);
                if (budget > 0 && pagePx >= PAGE_LINE_PX) {
                    for (int i = 0; i < count; i++) {
                        double vx = x0 + (i + 0.5) * pagePx;
                        if (vx < 0 || vx > f.width()) continue;
                        out.line(vx, y0, physCentre(f, m.linePfn[first + i], n), y1, 1, c);
                    }
                    budget = LINE_BUDGET_PX - out.lineLengthPx();
                } else if (m.areaKind[a] == MappingModel.Kind.DIRECT || budget <= 0) {
                    int lo = Integer.MAX_VALUE, hiPfn = 0;
                    for (int i = 0; i < count; i++) { lo = Math.min(lo, m.linePfn[first + i]); hiPfn = Math.max(hiPfn, m.linePfn[first + i]); }
                    double pa = f.clampPhys(f.physX(lo, n)), pb = f.clampPhys(f.physX(hiPfn + 1, n));
                    out.quad(x0, Math.max(x1, x0 + 1), y0, pa, Math.max(pb, pa + 1), y1,
                            MappingPalette.alpha(colour, dim * 0.8));
                } else {
                    // A scattered area, zoomed out: one line per physical pixel column it reaches (its fan-out).
                    java.util.Arrays.fill(seen, 0, w, false);
                    for (int i = 0; i < count; i++) {
                        double px = physCentre(f, m.linePfn[first + i], n);
                        int col = (int) Math.max(0, Math.min(w - 1, px));
                        if (seen[col]) continue;
                        seen[col] = true;
                        out.line(x0 + (i + 0.5) * pagePx, y0, px, y1, 1, c);
                    }
                    budget = LINE_BUDGET_PX - out.lineLengthPx();
                }
            }
        }
        // Frames of the highlighted allocations, ticked under the physical strip.
        for (int a = 0; a < m.nrAreas; a++) {
            if (!focus.highlighted(m.areaAllocId[a])) continue;
            double tick = Math.max(1.5, Math.min(f.framePx(n) - 1, 6));
            for (int i = 0; i < m.areaNrLines[a]; i++) {
                int pfn = m.linePfn[m.areaFirstLine[a] + i];
                double px = f.physX(pfn, n);
                if (px < MARGIN - 1 || px > MARGIN + f.physWidth()) continue;
                out.fillRect(tick > 1.5 ? px + 0.5 : px - 0.5, f.physTop() - 3, tick, f.physBottom() - f.physTop() + 6, pal.highlight());
            }
        }
    }

    /** Above DETAIL_PAGES, a highlighted area still shows every (virtual pixel, physical pixel) pair it maps. */
    private void perPixelPair(MappingModel m, Frame f, int first, int count, double x0, double pagePx, double y0, double y1,
                              double width, int c, DrawList out) {
        long last = Long.MIN_VALUE;
        java.util.HashSet<Long> pairs = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            double vx = x0 + (i + 0.5) * pagePx, px = physCentre(f, m.linePfn[first + i], m.nrFrames);
            long key = (Math.round(vx) << 32) | (Math.round(px) & 0xffffffffL);
            if (key == last || !pairs.add(key)) continue;
            last = key;
            out.line(vx, y0, px, y1, width, c);
        }
    }

    /** The middle of a frame on the physical strip, or just past the strip's end when the frame is not shown. */
    private static double physCentre(Frame f, int pfn, int nrFrames) {
        return f.clampPhys(f.physX(pfn, nrFrames) + 0.5 * f.framePx(nrFrames));
    }

    private static void paintWalk(MappingModel m, VirtualAxis axis, Frame f, Focus focus, MappingPalette pal, DrawList out) {
        if (!focus.walkShown()) return;
        double vx = f.screenX(axis.x(focus.walkVaddr()));
        if (!Double.isNaN(vx)) {
            out.fillRect(vx - 1, f.stripTop() - 4, 2.5, f.stripBottom() - f.stripTop() + 8, pal.walk());
            out.text("walk", vx, f.stripBottom() + 4, 10, DrawList.CENTER, pal.walk());
        }
        int[] tables = focus.walkTablePfns();
        double top = f.physTop();
        for (int i = 0; i < tables.length; i++) {
            double px = f.clampPhys(f.physX(tables[i], m.nrFrames));
            out.fillRect(px - 1.5, top - 14, 3, f.physBottom() - top + 14, pal.walk());
            out.text(focus.walkLevels()[i], px, top - 28 - 12 * (i % 2), 10, DrawList.CENTER, pal.walk());
        }
        if (focus.walkFramePfn() >= 0) {
            double px = f.clampPhys(f.physX(focus.walkFramePfn(), m.nrFrames));
            out.strokeRect(px - 4, top - 4, 8, f.physBottom() - top + 8, 2, pal.walk());
            if (!Double.isNaN(vx)) out.line(vx, f.stripBottom() + 16, px, top - 4, 2, pal.walk());
        }
    }

    private static int ownerColour(MappingModel m, int area, byte[] owners, MappingPalette pal) {
        int pfn = m.linePfn[m.areaFirstLine[area]];
        byte o = pfn >= 0 && pfn < owners.length ? owners[pfn] : Owner.FREE.code();
        return pal.map().owner()[o];
    }

    static int sizeIndex(PageSize s) {
        return switch (s) {
            case SIZE_4K -> 0;
            case SIZE_2M, SIZE_4M -> 1;
            case SIZE_1G -> 2;
        };
    }

    private static String hex(long vaddr) { return "0x" + Long.toHexString(vaddr); }
}
