package kmemviz.core.klog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kmemviz.core.klog.AllocationReport.ZoneState;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpParseException;
import kmemviz.core.mm.GfpParser;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.ParsedGfp;
import kmemviz.core.mm.PfnRange;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Profiles;
import kmemviz.core.mm.Reservation;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneSpan;
import kmemviz.core.mm.ZoneType;

/**
 * The machine a kernel log's report describes ({@link AllocationReport}), for running its failed request again: the
 * zones of one node with the watermarks, lowmem_reserve and free blocks per order (and migrate type, where the
 * per-order line gives letters) that the Mem-Info block printed, the rest of each zone's managed memory in use
 * ({@code Owner.IMPORTED}, laid out by {@code ImportedLayout} as for {@code machine from-proc}).
 *
 * <p>What the log does not say is chosen, and said in {@link Result#skipped}:
 * <ul>
 * <li>Where the zones lie: the report gives sizes (present, managed), not start pfns; the zones are put one after
 *     another from pfn 0, each on a 4 MiB boundary, with present - managed reserved at its start.</li>
 * <li>Which zone each lowmem_reserve[] entry is: show_free_areas() prints MAX_NR_ZONES of them (mm/show_mem.c), the
 *     configured zone types in enum zone_type order; the configuration is guessed from their number (64-bit: DMA,
 *     DMA32, Normal, Movable, Device; 32-bit: DMA, Normal, HighMem, Movable; without Device on older kernels).</li>
 * <li>How many blocks of an order each migrate type has: the line names the types with any, so each named type
 *     but one gets a block, the rest go to Movable (or to the first type named). Enough pageblocks of each type
 *     are made to hold its blocks; the rest stay Movable.</li>
 * <li>The zone's free pages: zone_watermark_ok() reads NR_FREE_PAGES, which is "free:", so when the per-order line
 *     (read a moment later, under the zone lock) adds up to more, the smallest blocks are counted in use; to less,
 *     order-0 Movable blocks make up the difference.</li>
 * <li>The per-CPU lists (free_pcp) are not rebuilt: the machine runs without them, and their pages are in use, as
 *     they are for the kernel's watermark checks ("free:" excludes them); what a drain would give is said with the
 *     checks ({@link LogExplanation}).</li>
 * <li>CMA (letter C, free_cma): the model has no MIGRATE_CMA (Debian's 6.12 is built without it), so what CMA means
 *     for the failed request is rebuilt instead: for a Movable request the CMA blocks are Movable blocks it may take;
 *     for any other they are in use, as the kernel's check leaves them out of the free pages.</li>
 * <li>Several nodes: node 0 (the lowest printed) is rebuilt, the others are said and left out. A 32-bit HighMem
 *     kernel is recognised by a HighMem zone or, since warn_alloc() prints only the zones the request may use, by
 *     "pages HighMem/MovableOnly" with no DMA32 or Movable zone.</li>
 * </ul>
 */
public final class ReportMachine {
    /** The most frames a machine holds, as {@code machine custom} allows (64 GiB). */
    static final long MAX_FRAMES = 64 * Profiles.GIB >> Profile.PAGE_SHIFT;
    /** Zones start on a MAX_PAGE_ORDER block, so that every buddy block of the zone is aligned within it. */
    private static final int ZONE_ALIGN = 1 << BuddyAllocator.MAX_PAGE_ORDER;
    public static final String PROFILE_NAME = "from-log";

    /**
     * The rebuilt machine and the request to run on it.
     *
     * @param gfp     the mask in 6.12's bits (from the printed names when there are any), or the number as printed
     * @param order   the request's order; -1 when the report names none that can run (an OOM report of order -1)
     * @param used    what came from the report, each with its line
     * @param skipped what the report lacked or the model could not take, each with its line where there is one
     */
    public record Result(AllocationReport report, Profile profile, List<ImportedZone> zones, int gfp, int order,
                         List<String> used, List<String> skipped) {
        public Result {
            zones = List.copyOf(zones);
            used = List.copyOf(used);
            skipped = List.copyOf(skipped);
        }

        /** Everything said about the report, used first: the notes a {@code Machine} command carries. */
        public List<String> notes() {
            List<String> all = new ArrayList<>(used.size() + skipped.size());
            for (String u : used) all.add("used: " + u);
            for (String s : skipped) all.add("skipped: " + s);
            return all;
        }
    }

    private final AllocationReport report;
    /** The request's mask in 6.12's bits, which decides whether CMA pageblocks count (see {@link #withoutCma}). */
    private int requestGfp;
    private final List<String> used = new ArrayList<>(), skipped = new ArrayList<>();
    private final Set<String> said = new LinkedHashSet<>();
    private boolean lettersSaid;

    private ReportMachine(AllocationReport report) {
        this.report = report;
        skipped.addAll(report.skipped());
    }

    /**
     * The machine {@code report} describes.
     *
     * @throws IllegalArgumentException when nothing usable is in it: no zone with both its watermarks and its size
     */
    public static Result of(AllocationReport report) {
        ReportMachine m = new ReportMachine(report);
        Result planned = m.plan();
        m.verify(planned.profile(), planned.zones(), m.node());
        return new Result(report, planned.profile(), planned.zones(), planned.gfp(), planned.order(), byLine(m.used), byLine(m.skipped));
    }

    /** The machine as planned from the report, without booting it to check that every free block found room. */
    static Result plan(AllocationReport report) { return new ReportMachine(report).plan(); }

    private Result plan() {
        int gfp = gfp();
        requestGfp = gfp;
        if (report.release() != null) used.add("line " + report.line() + ": the report is from kernel " + report.release()
                + "; the machine is rebuilt with 6.12's rules (watermarks, zonelist, slow path)");
        int order = report.order();
        if (order < 0 || order > BuddyAllocator.MAX_PAGE_ORDER) {
            skipped.add("line " + report.line() + ": order " + order + " is no request the page allocator can run (0 to "
                    + BuddyAllocator.MAX_PAGE_ORDER + "): the zones are rebuilt, the request is not run");
            order = -1;
        } else {
            used.add("line " + report.line() + ": " + report.task() + "'s request: order " + order + " (" + (1 << order) + " page"
                    + (order == 0 ? "" : "s") + "), " + Gfp.format(gfp));
        }
        List<ZoneState> node = node();
        boolean highmem = highmem(node);
        List<ZoneType> indices = zoneIndices(node, highmem);
        // The model's gfp_zone() needs DMA, Normal and Movable (and HighMem on 32-bit) in every profile; a kernel
        // without one (2.6 had no Movable, an arm64 Android 4.x no DMA) gets it empty.
        java.util.TreeSet<ZoneType> needed = new java.util.TreeSet<>(indices);
        needed.addAll(highmem ? List.of(ZoneType.DMA, ZoneType.NORMAL, ZoneType.HIGHMEM, ZoneType.MOVABLE)
                : List.of(ZoneType.DMA, ZoneType.NORMAL, ZoneType.MOVABLE));
        List<ZoneType> types = new ArrayList<>(needed);

        List<ZoneSpan> spans = new ArrayList<>();
        List<PfnRange> ram = new ArrayList<>();
        List<Reservation> reserved = new ArrayList<>();
        List<ImportedZone> zones = new ArrayList<>();
        long budget = MAX_FRAMES;
        for (ZoneState z : node) budget -= usable(z) ? align(present(z)) : 0;
        int end = 0;
        for (ZoneType type : types) {
            ZoneState z = node.stream().filter(s -> s.name().equals(type.kernelName())).findFirst().orElse(null);
            if (z == null && type == ZoneType.HIGHMEM && report.highMemPages() > 0) {
                skipped.add("line " + report.totalsLine() + ": zone HighMem (" + report.highMemPages() + " pages HighMem/MovableOnly in the totals) is not"
                        + " printed: warn_alloc() shows only the zones up to the request's gfp_zone(); left empty, and this request could not use it");
            }
            if (z == null || !usable(z)) {
                spans.add(new ZoneSpan(type, new PfnRange(end, end)));
                zones.add(new ImportedZone(type, 0, new long[4], reserve(z, indices, types), new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS],
                        new int[MigrateType.COUNT], new int[1], new int[1]));
                continue;
            }
            long present = present(z), managed = managed(z);
            long[][] blocks = freeBlocks(z);
            long free = pages(blocks);
            if (budget < 0) {                            // trim in-use memory, keeping at least as much in use as free
                long cut = Math.min(-budget, Math.max(0, managed - 2 * free - ZONE_ALIGN));
                cut -= cut % ZONE_ALIGN;
                if (cut > 0) {
                    skipped.add("line " + z.line() + ": zone " + z.name() + ": " + (cut >> 8) + " MiB of its in-use memory left out, so that "
                            + "the machine fits the model's 64 GiB; its free blocks, watermarks and lowmem_reserve are as reported");
                    present -= cut;
                    managed -= cut;
                    budget += cut;
                }
            }
            if (end + align(present) > MAX_FRAMES) {
                skipped.add("line " + z.line() + ": zone " + z.name() + " does not fit the model's 64 GiB: left empty");
                spans.add(new ZoneSpan(type, new PfnRange(end, end)));
                zones.add(new ImportedZone(type, 0, new long[4], reserve(z, indices, types), new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS],
                        new int[MigrateType.COUNT], new int[1], new int[1]));
                continue;
            }
            int start = end, r = (int) (present - managed);
            end = start + (int) align(present);
            spans.add(new ZoneSpan(type, new PfnRange(start, end)));
            ram.add(new PfnRange(start, start + (int) present));
            if (r > 0) reserved.add(new Reservation(new PfnRange(start, start + r), "reserved at boot (present - managed in the report; placed at the zone's start)"));
            long[] wm = watermarks(z);
            zones.add(new ImportedZone(type, managed, wm, reserve(z, indices, types), blocks, pageblocks(z, blocks, managed, highmem), new int[1], new int[1]));
            used.add("line " + z.line() + ": zone " + z.name() + ": free " + pagesOf(z, "free") + ", min " + wm[0] + ", low " + wm[1] + ", high " + wm[2]
                    + " pages (kB / 4); present " + present(z) + ", managed " + managed(z));
            if (z.ordersLine() > 0) used.add("line " + z.ordersLine() + ": zone " + z.name() + "'s free blocks per order: " + orders(blocks));
            extras(z);
        }
        if (ram.isEmpty()) {
            throw new IllegalArgumentException("nothing to rebuild in the report at line " + report.line() + ": no zone has both a \""
                    + "NAME free:...kB min:...kB ... present:...kB\" line and a size"
                    + (skipped.isEmpty() ? "" : "\n  " + String.join("\n  ", skipped)));
        }
        long totalMiB = ram.stream().mapToLong(PfnRange::nrPages).sum() >> 8;
        Profile profile = new Profile(PROFILE_NAME, "Rebuilt from " + report.task() + "'s " + (report.kind() == AllocationReport.Kind.OOM_KILLER
                ? "OOM report" : "allocation failure") + ": " + totalMiB + " MiB present", highmem ? 32 : 64, 1,
                spans, ram, reserved, true, !highmem).withAllocator(false, true, 1);
        return new Result(report, profile, zones, gfp, order, byLine(used), byLine(skipped));
    }

    /**
     * Whether the report is from a 32-bit kernel with HighMem: a HighMem zone is printed, or the totals count HighMem
     * pages while no DMA32 or Movable zone is printed (warn_alloc() leaves out the zones above the request's, so a
     * GFP_KERNEL failure on such a machine prints no HighMem line, only the "pages HighMem/MovableOnly" total).
     */
    private boolean highmem(List<ZoneState> node) {
        if (node.stream().anyMatch(z -> z.name().equals("HighMem"))) return true;
        boolean lowOnly = report.zones().stream().noneMatch(z -> z.name().equals("DMA32") || z.name().equals("Movable"));
        if (report.highMemPages() > 0 && lowOnly && !node.isEmpty()) {
            used.add("line " + report.totalsLine() + ": " + report.highMemPages() + " pages HighMem/MovableOnly and no DMA32 or Movable zone:"
                    + " a 32-bit kernel with HighMem (zones DMA, Normal, HighMem, Movable; pageblock order 10)");
            return true;
        }
        return false;
    }

    /** The mask in 6.12's bits: from the names when the kernel printed them (its bits may differ), else the number. */
    private int gfp() {
        int line = report.line();
        long number = report.gfpMask();
        String names = report.gfpNames();
        if (names != null) {
            try {
                ParsedGfp parsed = GfpParser.parse(names.isEmpty() ? "0" : names);
                for (String note : parsed.notes()) used.add("line " + line + ": " + note);
                if (parsed.mask() != number) used.add("line " + line + ": mode " + String.format("%#x", number) + " numbers the bits as another kernel does;"
                        + " its names (" + names + ") are " + String.format("%#x", parsed.mask()) + " in 6.12, which is what runs");
                return parsed.mask();
            } catch (GfpParseException e) {
                skipped.add("line " + line + ": the flag names '" + names + "' do not read (" + e.getMessage() + "): the number is read with 6.12's bits");
            }
        } else {
            skipped.add("line " + line + ": no flag names: " + String.format("%#x", number) + " is read with 6.12's bits, which older kernels numbered otherwise"
                    + (report.release() == null ? "" : " (this is " + report.release() + "; the names came with %pGg in 4.6): the decode is a guess"));
        }
        if (number > 0xffffffffL) {
            skipped.add("line " + line + ": " + String.format("%#x", number) + " has more than 32 bits: the high bits are left out");
        }
        int gfp = (int) number;
        Gfp.invalidReason(gfp).ifPresent(invalid -> skipped.add("line " + line + ": " + invalid));
        return gfp;
    }

    /** The zones of one node: node 0 if the report has it, else the lowest; the others are said and left out. */
    private List<ZoneState> node() {
        int node = report.zones().stream().mapToInt(ZoneState::node).min().orElse(0);
        long nodes = report.zones().stream().mapToInt(ZoneState::node).distinct().count();
        if (nodes > 1) used.add("line " + report.line() + ": the report has " + nodes + " nodes; node " + node + " is rebuilt (the model has one"
                + " node, and the zonelist starts at the local node, node 0 on the boot CPU)");
        List<ZoneState> kept = new ArrayList<>();
        for (ZoneState z : report.zones()) {
            if (z.node() != node) {
                say("line " + Math.max(z.line(), z.ordersLine()) + ": node " + z.node() + " zone " + z.name() + " left out: the model has one node, node " + node);
            } else if (zoneType(z.name()) == null || zoneType(z.name()) == ZoneType.DEVICE) {
                say("line " + Math.max(z.line(), z.ordersLine()) + ": zone " + z.name() + " is not a zone the model gives pages from; left out");
            } else {
                kept.add(z);
            }
        }
        return kept;
    }

    private static ZoneType zoneType(String name) {
        for (ZoneType t : ZoneType.values()) if (t.kernelName().equals(name)) return t;
        return null;
    }

    /**
     * The configured zone types in zone-index order, guessed from the length of lowmem_reserve[]: the fullest
     * configuration of that length that holds every printed zone. Normal and Movable are always configured; DMA,
     * DMA32 (64-bit) or HighMem (32-bit) and Device depend on the kernel (an arm64 Android kernel of 4.x has only
     * Normal and Movable, "lowmem_reserve[]: 0 0"; kernels of 2.6 had no Movable).
     */
    private List<ZoneType> zoneIndices(List<ZoneState> node, boolean highmem) {
        List<ZoneType> full = highmem ? List.of(ZoneType.DMA, ZoneType.NORMAL, ZoneType.HIGHMEM, ZoneType.MOVABLE, ZoneType.DEVICE)
                : List.of(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE, ZoneType.DEVICE);
        int n = node.stream().mapToInt(z -> z.lowmemReserve().length).filter(l -> l > 0).findFirst().orElse(0);
        List<ZoneType> seen = node.stream().map(z -> zoneType(z.name())).toList();
        List<ZoneType> optional = highmem ? List.of(ZoneType.DEVICE, ZoneType.DMA, ZoneType.HIGHMEM, ZoneType.MOVABLE)
                : List.of(ZoneType.DEVICE, ZoneType.DMA, ZoneType.DMA32, ZoneType.MOVABLE);
        for (int mask = 0; mask < 1 << optional.size(); mask++) {   // fewest zones dropped first, Device before DMA
            if (Integer.bitCount(mask) != full.size() - n) continue;
            List<ZoneType> guess = new ArrayList<>(full);
            for (int b = 0; b < optional.size(); b++) if ((mask & 1 << b) != 0) guess.remove(optional.get(b));
            if (guess.containsAll(seen)) return guess;
        }
        List<ZoneType> guess = full.subList(0, full.size() - 1);
        if (!guess.containsAll(seen)) guess = seen.stream().sorted().toList();
        int line = node.stream().mapToInt(z -> z.lowmemReserve().length > 0 ? z.reserveLine() : 0).filter(l -> l > 0).findFirst()
                .orElse(node.isEmpty() ? report.line() : Math.max(node.get(0).line(), node.get(0).ordersLine()));
        if (n > 0) skipped.add("line " + line + ": lowmem_reserve[] has " + n + " entries, which fits no zone configuration the model knows: read as 0");
        else if (!node.isEmpty()) skipped.add("line " + line + ": no lowmem_reserve[] line: lowmem_reserve read as 0");
        return guess;
    }

    /** lowmem_reserve for the zone indices, when the line has one entry per index; else 0s. */
    private long[] reserve(ZoneState z, List<ZoneType> indices, List<ZoneType> types) {
        long[] out = new long[types.size()];
        if (z == null || z.lowmemReserve().length != indices.size()) {
            if (z != null && z.lowmemReserve().length > 0) skipped.add("line " + z.reserveLine() + ": zone " + z.name() + "'s lowmem_reserve[] has "
                    + z.lowmemReserve().length + " entries for " + indices.size() + " zones: read as 0");
            return out;
        }
        for (int k = 0; k < indices.size(); k++) out[types.indexOf(indices.get(k))] = z.lowmemReserve()[k];
        used.add("line " + z.reserveLine() + ": zone " + z.name() + "'s lowmem_reserve[] " + Arrays.toString(z.lowmemReserve()) + " pages, for "
                + indices.stream().map(ZoneType::kernelName).toList());
        return out;
    }

    /** A zone the model can rebuild: its watermarks and its size are in the report. */
    private boolean usable(ZoneState z) {
        boolean ok = z.kb("min") >= 0 && z.kb("low") >= 0 && z.kb("high") >= 0 && present(z) > 0 && managed(z) >= 0;
        if (!ok) say("line " + Math.max(z.line(), z.ordersLine()) + ": zone " + z.name() + ": the report gives no min, low, high and present/managed for it,"
                + " so its watermarks are unknown: left empty (the request cannot use it)");
        return ok;
    }

    private static long present(ZoneState z) {
        long p = z.kb("present") >= 0 ? z.kb("present") : z.kb("managed");
        return Math.max(0, Math.min(p, MAX_FRAMES << 2)) >> 2;
    }

    private static long managed(ZoneState z) {
        long m = z.kb("managed") >= 0 ? z.kb("managed") : z.kb("present");
        return Math.min(Math.max(0, m) >> 2, present(z));
    }

    private static long align(long pages) { return (pages + ZONE_ALIGN - 1) / ZONE_ALIGN * ZONE_ALIGN; }

    private static long pagesOf(ZoneState z, String field) { return z.kb(field) < 0 ? -1 : z.kb(field) >> 2; }

    /** min, low, high and promo in pages; promo as 6.12 sets it, high + (high - low), since Mem-Info prints none. */
    private static long[] watermarks(ZoneState z) {
        long min = pagesOf(z, "min"), low = Math.max(min, pagesOf(z, "low")), high = Math.max(low, pagesOf(z, "high"));
        return new long[] {min, low, high, high + (high - low)};
    }

    /**
     * Free blocks per migrate type and order from the per-order line, made to add up to "free:" (see the class
     * comment); a zone without the line has none.
     */
    private long[][] freeBlocks(ZoneState z) {
        long[][] blocks = new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS];
        long[] counts = z.freeBlocks();
        if (counts.length > BuddyAllocator.NR_PAGE_ORDERS) {
            long dropped = 0;
            for (int o = BuddyAllocator.NR_PAGE_ORDERS; o < counts.length; o++) dropped += counts[o];
            skipped.add("line " + z.ordersLine() + ": zone " + z.name() + ": " + counts.length + " orders, the model has "
                    + BuddyAllocator.NR_PAGE_ORDERS + (dropped > 0 ? "; " + dropped + " blocks above order " + BuddyAllocator.MAX_PAGE_ORDER + " left out" : ""));
        }
        for (int o = 0; o < Math.min(counts.length, BuddyAllocator.NR_PAGE_ORDERS); o++) {
            long n = Math.min(counts[o], (MAX_FRAMES >> o) + 1);
            List<MigrateType> types = types(z, o);
            MigrateType rest = types.contains(MigrateType.MOVABLE) ? MigrateType.MOVABLE : types.get(0);
            for (MigrateType t : types) {
                if (t == rest || n <= 1) continue;
                blocks[t.ordinal()][o]++;
                n--;
            }
            blocks[rest.ordinal()][o] += n;
        }
        if (!lettersSaid && z.typeLetters().stream().anyMatch(l -> l.length() > 1)) {
            lettersSaid = true;
            skipped.add("line " + z.ordersLine() + ": the per-order line names the migrate types that have blocks of an order, not how many: each named type but Movable got one"
                    + " block, Movable (or the first type named) the rest");
        }
        long free = pagesOf(z, "free");
        if (free < 0 || z.ordersLine() == 0) return withoutCma(z, blocks, new long[0]);
        long diff = pages(blocks) - free;
        if (diff > 0) {
            long left = diff;                         // the smallest blocks first; a block too big gives back its remainder
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS && left > 0; o++)
                for (MigrateType t : MigrateType.values()) {
                    long taken = Math.min(blocks[t.ordinal()][o], (left + (1L << o) - 1) >> o);
                    if (taken == 0) continue;
                    blocks[t.ordinal()][o] -= taken;
                    left -= taken << o;
                    for (int b = 0; left < 0 && b < o; b++) if ((-left & 1L << b) != 0) blocks[t.ordinal()][b]++;
                    if (left <= 0) break;
                }
            skipped.add("line " + z.ordersLine() + ": zone " + z.name() + ": the per-order line adds up to " + (free + diff) + " pages, \"free:\" (line "
                    + z.line() + ") to " + free + " (read at different moments): " + diff + " pages of the smallest blocks counted in use, since the"
                    + " watermark check reads \"free:\"");
        } else if (diff < 0) {
            blocks[MigrateType.MOVABLE.ordinal()][0] += -diff;
            skipped.add("line " + z.ordersLine() + ": zone " + z.name() + ": the per-order line adds up to " + (free + diff) + " pages, \"free:\" (line "
                    + z.line() + ") to " + free + ": " + -diff + " order-0 Movable blocks added, since the watermark check reads \"free:\"");
        }
        return withoutCma(z, blocks, cmaOnly(z));
    }

    /** The migrate types an order's letters name, in the model's types (CMA as Movable); Movable without letters. */
    private List<MigrateType> types(ZoneState z, int order) {
        String letters = order < z.typeLetters().size() ? z.typeLetters().get(order) : "";
        List<MigrateType> out = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            MigrateType t = null;
            for (MigrateType m : MigrateType.values()) if (m.letter() == c) t = m;
            if (t == null) t = MigrateType.MOVABLE;     // 'C': CMA, which the model files as Movable (see withoutCma)
            if (!out.contains(t)) out.add(t);
        }
        if (out.isEmpty()) out.add(MigrateType.MOVABLE);
        return out;
    }

    /** Per order, the free blocks known to be CMA: those of orders whose only letter is 'C'. */
    private static long[] cmaOnly(ZoneState z) {
        long[] out = new long[BuddyAllocator.NR_PAGE_ORDERS];
        for (int o = 0; o < Math.min(out.length, z.freeBlocks().length); o++)
            if (o < z.typeLetters().size() && z.typeLetters().get(o).equals("C")) out[o] = z.freeBlocks()[o];
        return out;
    }

    /**
     * CMA pageblocks (letter C, free_cma) exist in the model only as Movable. A Movable request gets ALLOC_CMA
     * (gfp_to_alloc_flags_cma(), mm/page_alloc.c) and may take them, so they stay free. Any other request may not:
     * __zone_watermark_unusable_free() subtracts NR_FREE_CMA_PAGES from the free pages it checks and __rmqueue() never
     * hands it a CMA block, so for it those pages are counted in use: first the blocks of orders printed "(C)" alone,
     * then, up to free_cma, the smallest Movable blocks (a mixed "(UEC)" does not say how many are CMA).
     */
    private long[][] withoutCma(ZoneState z, long[][] blocks, long[] known) {
        long cma = Math.max(0, pagesOf(z, "free_cma"));
        long knownPages = 0;
        for (int o = 0; o < known.length; o++) knownPages += known[o] << o;
        cma = Math.max(cma, knownPages);
        if (cma == 0) return blocks;
        int line = z.line() > 0 ? z.line() : z.ordersLine();
        String what = "zone " + z.name() + ": " + cma + " free CMA pages (free_cma " + z.kb("free_cma") + "kB"
                + (knownPages > 0 ? ", " + knownPages + " of them in blocks printed \"(C)\" alone at line " + z.ordersLine() : "") + ")";
        if ((requestGfp & (Gfp.MOVABLE | Gfp.RECLAIMABLE)) == Gfp.MOVABLE) {
            used.add("line " + line + ": " + what + ": the request is Movable, so ALLOC_CMA lets it use them; rebuilt as Movable blocks");
            return blocks;
        }
        long left = cma;
        int mt = MigrateType.MOVABLE.ordinal();
        for (int o = known.length - 1; o >= 0 && left > 0; o--) {
            long n = Math.min(Math.min(known[o], blocks[mt][o]), left >> o);
            blocks[mt][o] -= n;
            left -= n << o;
        }
        // Movable first, then the other types: the check subtracts all of free_cma, whichever list the letters put it on.
        List<MigrateType> order = new ArrayList<>(List.of(MigrateType.values()));
        order.remove(MigrateType.MOVABLE);
        order.add(0, MigrateType.MOVABLE);
        for (MigrateType t : order)
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS && left > 0; o++) {
                long n = Math.min(blocks[t.ordinal()][o], (left + (1L << o) - 1) >> o);
                blocks[t.ordinal()][o] -= n;
                left -= n << o;
                for (int b = 0; left < 0 && b < o; b++) if ((-left & 1L << b) != 0) blocks[t.ordinal()][b]++;
                if (left < 0) left = 0;
            }
        skipped.add("line " + line + ": " + what + ": a " + Gfp.migratetypeName(requestGfp) + " request gets no ALLOC_CMA, so the watermark"
                + " check leaves them out (__zone_watermark_unusable_free()) and no CMA block is handed to it: counted in use"
                + (knownPages < cma ? " (the blocks printed \"(C)\" alone first, then the smallest Movable blocks, then the others)" : ""));
        return blocks;
    }

    /**
     * Pageblocks per type: each type but Movable gets room for twice its free pages (a free block's buddy must stay
     * in use) and one more, HighAtomic at least reserved_highatomic; Movable keeps the rest, as boot left them.
     */
    private static int[] pageblocks(ZoneState z, long[][] blocks, long managed, boolean highmem) {
        int pb = 1 << (highmem ? 10 : 9);
        long steps = (managed + pb - 1) / pb;
        int[] out = new int[MigrateType.COUNT];
        for (MigrateType t : MigrateType.values()) {
            if (t == MigrateType.MOVABLE) continue;
            long pages = 0;
            for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) pages += blocks[t.ordinal()][o] << o;
            long want = pages == 0 ? 0 : (2 * pages + pb - 1) / pb + 1;
            if (t == MigrateType.HIGHATOMIC && z.kb("reserved_highatomic") > 0) want = Math.max(want, (z.kb("reserved_highatomic") >> 2) / pb);
            long given = Math.min(want, steps);
            out[t.ordinal()] = (int) given;
            steps -= given;
        }
        out[MigrateType.MOVABLE.ordinal()] = (int) steps;
        return out;
    }

    /** Fields the model does not rebuild, said once each when they matter. */
    private void extras(ZoneState z) {
        if (z.kb("free_pcp") > 0) skipped.add("line " + z.line() + ": zone " + z.name() + ": free_pcp " + z.kb("free_pcp")
                + "kB: pages on the per-CPU lists are not in \"free:\" (NR_FREE_PAGES), so no watermark check counts them; the lists are not"
                + " rebuilt (this machine runs without them) and those pages are counted in use; what draining them would give is said with the checks");
        // show_free_areas() prints min_wmark_pages() and the like, which add the boost (mm/show_mem.c, wmark_pages()).
        if (z.kb("boost") > 0) skipped.add("line " + z.line() + ": zone " + z.name() + ": boost " + z.kb("boost")
                + "kB: the printed min, low and high include it, so the checks compare what the kernel compared; the boost itself is not kept");
        if (z.kb("reserved_highatomic") > 0) skipped.add("line " + z.line() + ": zone " + z.name() + ": reserved_highatomic "
                + z.kb("reserved_highatomic") + "kB: HighAtomic pageblocks are made for it; the model counts its reserve from those");
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("^line (\\d+): ");

    /** Notes in the order of the lines they name; those that name none (about the whole report) last. */
    private static List<String> byLine(List<String> notes) {
        record Keyed(long line, String note) {}
        List<Keyed> keyed = new ArrayList<>(notes.size());
        for (String n : notes) {
            java.util.regex.Matcher m = LINE.matcher(n);
            keyed.add(new Keyed(m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE, n));
        }
        keyed.sort(java.util.Comparator.comparingLong(Keyed::line));
        return keyed.stream().map(Keyed::note).toList();
    }

    private void say(String note) { if (said.add(note)) skipped.add(note); }

    private static long pages(long[][] blocks) {
        long pages = 0;
        for (long[] row : blocks) for (int o = 0; o < row.length; o++) pages += row[o] << o;
        return pages;
    }

    private static String orders(long[][] blocks) {
        StringBuilder b = new StringBuilder();
        for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++) {
            long n = 0;
            for (long[] row : blocks) n += row[o];
            b.append(o == 0 ? "" : " ").append(n);
        }
        return b.toString();
    }

    /** Boots the machine once and says which free blocks found no room, as {@code machine from-proc} does. */
    private void verify(Profile profile, List<ImportedZone> zones, List<ZoneState> node) {
        PhysicalMemory mem = new PhysicalMemory(profile, zones);
        for (ImportedZone iz : zones) {
            Zone z = mem.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElseThrow();
            long wanted = iz.freePages();
            if (z.freePages() < wanted) {
                int line = node.stream().filter(s -> s.name().equals(z.name())).mapToInt(ZoneState::ordersLine).findFirst().orElse(0);
                skipped.add("line " + line + ": zone " + z.name() + ": no room for " + (wanted - z.freePages())
                        + " pages of free blocks in their pageblocks; left out");
            }
        }
    }
}
