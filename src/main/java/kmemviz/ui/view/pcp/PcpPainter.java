package kmemviz.ui.view.pcp;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.MigrateType;
import kmemviz.ui.view.DrawList;
import kmemviz.ui.view.PcpShown;

/**
 * Draws one zone's per-CPU lists ({@link PcpShown}) for some CPUs, without JavaFX. Each CPU is a section: its
 * pagesets line as /proc/zoneinfo prints it (cpu, count, high, batch), what the last command did to its lists, and
 * one stack per list, grouped by order (0 to PAGE_ALLOC_COSTLY_ORDER, then the THP order) and within an order by
 * migrate type (Unmovable, Movable, Reclaimable: pindex order). A stack holds one block per free block on the list,
 * up to {@link #SLOTS}; the figure above it is the exact number. {@link #layout} sizes and places the sections.
 *
 * <p>Notation: {@code u} is the unit, the label size in px (at least 13 at a desk, 17 on a projector, more when the
 * space allows); every length is a multiple of it. While an event plays, the blocks it moved
 * are drawn {@code t} of the way (0 to 1): blocks a refill or free put on a list drop onto its stack from above,
 * blocks a take or drain took off rise out of it and fade, both in the flash colour.
 */
public final class PcpPainter {
    /** Colours as ARGB: background, a block, its outline, text, quiet text and empty stacks, the moving blocks. */
    public record Palette(int background, int block, int outline, int label, int muted, int flash) {}

    /** Blocks a stack shows; more are counted by the figure above it. */
    public static final int SLOTS = 8;
    private static final double BLOCK_H = 0.55, COL_W = 1.6, GROUP_GAP = 0.7, MARGIN = 1, COLUMN_GAP = 2;
    private static final double HEADER_H = 1.6, CAPTION_H = 3.4, COUNT_H = 1.4, AXIS_H = 2.6, SECTION_GAP = 1.0;
    private static final double INTRO_H = 4.4, IDLE_H = 1.6;
    /** The largest unit, as a multiple of the base: beyond it a few lists look like a poster, not a panel. */
    private static final double MAX_ZOOM = 2;
    /** A bold character's width, in em, estimated as {@link #wrap} does (no fonts here); bold runs wider than 0.55. */
    static final double BOLD_EM = 0.62;

    /** Where list {@code pindex}'s stack of the {@code k}-th CPU shown stands: its slots, {@code h} high, bottom slot last. */
    public record Cell(double x, double y, double w, double h) {}

    /**
     * How the sections are placed: {@code u} px a unit, {@code cols} sections side by side. The unit is the largest
     * that fits every section into the width and height, between the base unit and {@link #MAX_ZOOM} times it
     * (below the base, the view scrolls instead), so a projector's panel is as large as the space allows.
     */
    public record Layout(double u, int cols, double sectionW, boolean idleLine) {
        double sectionH() { return sectionHeight(u); }
    }

    public static Layout layout(PcpShown.ZoneLists z, int nrSections, boolean idleLine, double widthPx, double heightPx, double baseU) {
        double wUnits = sectionWidth(z, 1);
        Layout best = null;
        for (int cols = 1; cols <= Math.max(1, nrSections); cols++) {
            int rows = (Math.max(1, nrSections) + cols - 1) / cols;
            double byWidth = widthPx / (cols * wUnits + (cols - 1) * COLUMN_GAP + 2 * MARGIN);
            double byHeight = heightPx / (MARGIN + INTRO_H + (idleLine ? IDLE_H : 0) + rows * sectionHeight(1) + MARGIN);
            double u = Math.min(byWidth, byHeight);
            if (best == null || u > best.u) best = new Layout(u, cols, 0, idleLine);
        }
        double u = Math.max(baseU, Math.min(MAX_ZOOM * baseU, best.u));
        return new Layout(u, best.cols, sectionWidth(z, u), idleLine);
    }

    /** The height the drawing needs at this layout (more than the view's when the base unit does not fit). */
    public double height(PcpShown s, int zoneIndex, int nrSections, Layout l, double widthPx) {
        PcpShown.ZoneLists z = lists(s, zoneIndex);
        if (z == null) return offLines(widthPx, l.u()).size() * 1.5 * l.u() + 2 * MARGIN * l.u();
        int rows = (Math.max(1, nrSections) + l.cols() - 1) / l.cols();
        return (MARGIN + INTRO_H + (l.idleLine() ? IDLE_H : 0) + MARGIN) * l.u() + rows * l.sectionH();
    }

    static double sectionWidth(PcpShown.ZoneLists z, double u) {
        int groups = Math.min(z.order(z.nrLists - 1), 4) + 1;
        return z.nrLists * COL_W * u + (groups - 1) * GROUP_GAP * u;
    }

    static double sectionHeight(double u) { return (HEADER_H + CAPTION_H + COUNT_H + SLOTS * BLOCK_H + AXIS_H + SECTION_GAP) * u; }

    /** The stack of list {@code pindex} in the {@code k}-th section. */
    public static Cell cell(PcpShown.ZoneLists z, int k, int pindex, Layout l) {
        double u = l.u();
        double x0 = MARGIN * u + (k % l.cols()) * (l.sectionW() + COLUMN_GAP * u);
        double y0 = (MARGIN + INTRO_H) * u + (k / l.cols()) * l.sectionH();
        int group = Math.min(z.order(pindex), 4);
        double x = x0 + pindex * COL_W * u + group * GROUP_GAP * u;
        double y = y0 + (HEADER_H + CAPTION_H + COUNT_H) * u;
        return new Cell(x + 0.15 * u, y, (COL_W - 0.3) * u, SLOTS * BLOCK_H * u);
    }

    /** The zone's lists, or null when there is nothing to draw but what pcp=off means. */
    private static PcpShown.ZoneLists lists(PcpShown s, int zoneIndex) {
        return s.enabled() && zoneIndex >= 0 && zoneIndex < s.nrZones() ? s.zone(zoneIndex) : null;
    }

    /**
     * Records the lists of {@code cpus} in the zone at {@code zoneIndex}, one section each, with the last change
     * {@code t} of the way, and one line for the {@code idle} CPUs (lists never used: count and high 0); or what
     * pcp=off means when the machine has no per-CPU lists.
     */
    public void paint(PcpShown s, int zoneIndex, int[] cpus, int[] idle, double t, Layout l, double widthPx, Palette p, DrawList out) {
        out.clear();
        double u = l.u();
        PcpShown.ZoneLists z = lists(s, zoneIndex);
        if (z == null) {
            List<String> lines = offLines(widthPx, u);
            for (int i = 0; i < lines.size(); i++)
                out.text(lines.get(i), MARGIN * u, (MARGIN + 1.5 * i) * u, u * (i == 0 ? 1.15 : 1), DrawList.LEFT, DrawList.TOP, i == 0,
                        i == 0 ? p.label() : p.muted());
            return;
        }
        out.text(title(z, widthPx - 2 * MARGIN * u, u * 1.1), MARGIN * u, MARGIN * u, u * 1.1, DrawList.LEFT, DrawList.TOP, true,
                p.label());
        String[] intro = {"A stack per list: order × migrate type (U Unmovable, M Movable, E Reclaimable), a block per free block.",
                "An empty list is refilled with a batch from the buddy lists (rmqueue_bulk); past high, a list drains back."};
        for (int i = 0; i < intro.length; i++)
            out.text(wrap(intro[i], widthPx - 2 * MARGIN * u, u * 0.9, 1).get(0), MARGIN * u, (MARGIN + 1.6 + 1.1 * i) * u, u * 0.9,
                    DrawList.LEFT, DrawList.TOP, false, p.muted());
        if (idle.length > 0) {
            StringBuilder b = new StringBuilder(idle.length == 1 ? "cpu " : "cpus ");
            for (int i = 0; i < idle.length; i++) b.append(i == 0 ? "" : ", ").append(idle[i]);
            b.append(": lists not used yet (count: 0, high: 0; pcp->high is set when a CPU first uses its lists)");
            out.text(b.toString(), MARGIN * u, (MARGIN + INTRO_H) * u + (cpus.length + l.cols() - 1) / l.cols() * l.sectionH(), u * 0.95,
                    DrawList.LEFT, DrawList.TOP, false, p.muted());
        }
        PcpShown.Change last = s.changes().isEmpty() ? null : s.changes().get(s.changes().size() - 1);
        double e = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);         // smoothstep, as the free lists glide
        for (int k = 0; k < cpus.length; k++) section(s, z, zoneIndex, k, cpus[k], last, e, l, p, out);
    }

    private void section(PcpShown s, PcpShown.ZoneLists z, int zoneIndex, int k, int cpu, PcpShown.Change last, double e,
                         Layout l, Palette p, DrawList out) {
        double u = l.u();
        Cell first = cell(z, k, 0, l);
        double x0 = first.x() - 0.15 * u, top = first.y() - (HEADER_H + CAPTION_H + COUNT_H) * u;
        // The pagesets block of /proc/zoneinfo, on one line; high is 0 until the CPU's lists are first used.
        String head = String.format("cpu: %d  count: %d  high: %d  batch: %d", cpu, z.count(cpu), z.high(cpu), z.batch);
        out.text(head, x0, top, u, DrawList.LEFT, DrawList.TOP, true, p.label());
        List<String> said = new ArrayList<>();
        if (cpu == s.currentCpu()) said.add("▶ next commands run here");
        for (PcpShown.Change c : s.changes()) if (c.zoneIndex() == zoneIndex && c.cpu() == cpu) said.add(describe(c, z));
        List<String> caption = wrap(String.join(" · ", said), l.sectionW(), u * 0.85, 3);
        for (int i = 0; i < caption.size(); i++)
            out.text(caption.get(i), x0, top + (HEADER_H + 1.1 * i) * u, u * 0.85, DrawList.LEFT, DrawList.TOP, false, p.flash());
        for (int pindex = 0; pindex < z.nrLists; pindex++) {
            Cell c = cell(z, k, pindex, l);
            boolean moving = last != null && last.zoneIndex() == zoneIndex && last.cpu() == cpu && last.pindex() == pindex;
            boolean changed = moving;
            for (PcpShown.Change ch : s.changes()) changed |= ch.zoneIndex() == zoneIndex && ch.cpu() == cpu && ch.pindex() == pindex;
            stack(z.blocks(cpu, pindex), c, changed, moving && e < 1 ? last : null, e, u, p, out);
            out.text(typeLetter(z, pindex), c.x() + c.w() / 2, c.y() + c.h() + 0.35 * u, u * 0.85, DrawList.CENTER, DrawList.TOP, false,
                    p.muted());
            boolean firstOfOrder = pindex == 0 || z.order(pindex - 1) != z.order(pindex);
            if (firstOfOrder)
                out.text("order " + z.order(pindex), c.x(), c.y() + c.h() + 1.45 * u, u * 0.85, DrawList.LEFT, DrawList.TOP, true, p.label());
        }
    }

    /**
     * The panel's title in {@code widthPx} at {@code sizePx} (bold): the longest wording that fits, the zone's
     * pcp figures kept before the words around them, so a wide unit on a narrow pane never runs off the edge.
     */
    static String title(PcpShown.ZoneLists z, double widthPx, double sizePx) {
        String figures = String.format("batch %d, high_min %d, high_max %d", z.batch, z.highMin, z.highMax);
        String[] wordings = {"Zone " + z.zoneName + ": each CPU's per-CPU lists  (" + figures + ")",
                "Zone " + z.zoneName + " per-CPU lists (" + figures + ")",
                z.zoneName + ": " + figures};
        for (String w : wordings) if (w.length() * BOLD_EM * sizePx <= widthPx) return w;
        String last = wordings[wordings.length - 1];
        return last.substring(0, Math.max(0, Math.min(last.length(), (int) (widthPx / (BOLD_EM * sizePx)) - 1))) + "…";
    }

    /** One list: its blocks bottom up, the figure above, the flash outline when the last command changed it. */
    private static void stack(int blocks, Cell c, boolean changed, PcpShown.Change moving, double e, double u, Palette p, DrawList out) {
        double bh = BLOCK_H * u, bottom = c.y() + c.h();
        out.line(c.x() - 0.1 * u, bottom + 0.5, c.x() + c.w() + 0.1 * u, bottom + 0.5, 1, p.muted());
        int shown = Math.min(blocks, SLOTS);
        // The blocks the playing event put on the list are the top ones; they are drawn on their way, not in place.
        int arriving = moving != null && moving.added() ? Math.min(moving.blocks(), shown) : 0;
        for (int b = 0; b < shown - arriving; b++) block(out, c.x(), bottom - (b + 1) * bh, c.w(), bh, p.block(), p.outline(), 1);
        for (int b = shown - arriving; b < shown; b++) {
            double drop = (1 - e) * (SLOTS - b + 2) * bh;                   // from above the stack, the buddy lists' side
            block(out, c.x(), bottom - (b + 1) * bh - drop, c.w(), bh, p.flash(), p.outline(), e);
        }
        if (moving != null && !moving.added()) {
            int leaving = Math.min(moving.blocks(), 3);
            for (int b = 0; b < leaving; b++)
                block(out, c.x(), bottom - (shown + b + 1) * bh - e * 2.5 * u, c.w(), bh, p.flash(), p.outline(), 1 - e);
        }
        if (blocks > 0)
            out.text(String.valueOf(blocks), c.x() + c.w() / 2, bottom - (shown * bh) - 1.15 * u, u * 0.9, DrawList.CENTER,
                    DrawList.TOP, changed, changed ? p.flash() : p.label());
        if (changed) out.strokeRect(c.x() - 0.12 * u, c.y() - COUNT_H * u, c.w() + 0.24 * u, c.h() + COUNT_H * u, 2, p.flash());
    }

    private static void block(DrawList out, double x, double y, double w, double h, int fill, int outline, double alpha) {
        out.fillRect(x, y + 1, w, h - 1.5, DrawList.fade(fill, alpha));
        out.strokeRect(x, y + 1, w, h - 1.5, 1, DrawList.fade(outline, alpha));
    }

    /** The label under a stack: the type's letter as show_migration_types() prints it; "U/E" for the THP order's non-movable list. */
    static String typeLetter(PcpShown.ZoneLists z, int pindex) {
        MigrateType t = z.type(pindex);
        if (z.order(pindex) > 3 && t != MigrateType.MOVABLE) return "U/E";
        return String.valueOf(t.letter());
    }

    /** What a change did, in the kernel's function names; the figures count blocks, as the stacks do. */
    static String describe(PcpShown.Change c, PcpShown.ZoneLists z) {
        String list = typeLetter(z, c.pindex()) + " o" + z.order(c.pindex());
        int n = c.blocks();
        return switch (c.kind()) {
            case PCP_REFILLED -> "rmqueue_bulk(): " + n + " from the buddy lists onto " + list;
            case PCP_TAKEN -> "rmqueue_pcplist(): " + n + " off " + list + " to the caller";
            case PCP_FREED -> "free_unref_page(): " + n + " freed onto " + list;
            case PCP_DRAINED -> "free_pcppages_bulk(): " + n + " from " + list + " back to the buddy lists";
            default -> throw new IllegalArgumentException("not a per-CPU event: " + c.kind());
        };
    }

    /** What pcp=off means, and what turning the lists on does, wrapped to the width. */
    private static List<String> offLines(double widthPx, double u) {
        List<String> lines = new ArrayList<>();
        lines.add("Per-CPU lists are off on this machine (pcp=off).");
        double w = widthPx - 2 * MARGIN * u;
        lines.addAll(wrap("Every allocation goes straight to the buddy lists and every free to free_one_page(), as in the textbook "
                + "buddy allocator.", w, u, 4));
        lines.addAll(wrap("Turned on (a machine line with pcp=on, or Machine > New machine), each CPU keeps small lists of free "
                + "pages per migrate type and order: the first order-0 allocation takes a whole batch from the buddy lists "
                + "(rmqueue_bulk), the next ones are served from the CPU's list without touching them, and frees collect "
                + "there until the list passes high and drains a batch back (free_pcppages_bulk).", w, u, 8));
        return lines;
    }

    /**
     * Breaks {@code text} into at most {@code maxLines} lines of about {@code widthPx} at {@code sizePx}, estimating
     * 0.55 em a character (the painter measures no fonts); the last line ends in "…" if text is left over.
     */
    static List<String> wrap(String text, double widthPx, double sizePx, int maxLines) {
        int perLine = Math.max(10, (int) (widthPx / (0.55 * sizePx)));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            cut.set(maxLines - 1, cut.get(maxLines - 1) + " …");
            return cut;
        }
        return lines;
    }

}
