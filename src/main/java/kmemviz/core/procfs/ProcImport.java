package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.BuddyAllocator;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.PfnRange;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Reservation;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneSpan;
import kmemviz.core.mm.ZoneType;

/**
 * Turns a {@link ProcCapture} into a machine: the zones of node 0 from zoneinfo (start_pfn, spanned, present,
 * managed, watermarks, protection, pagesets), the free blocks per order from buddyinfo, per migrate type from
 * pagetypeinfo with its pageblock counts, and meminfo's totals checked against them.
 *
 * <p>What it simplifies, and says so in its notes: one node (node 0); a zone's holes (spanned - present) at the
 * end of its span and its boot reservations (present - managed) at its start, since /proc gives their sizes, not
 * their places; the free blocks placed by {@code ImportedLayout} (core/mm), not where the host had them; the pages
 * on per-CPU lists as order-0 pages; migrate types the model lacks (CMA, the old Reserve) counted as Movable;
 * everything else managed shown as "in use (imported)", since no file says who holds it. slabinfo and vmallocinfo
 * are read and summed in a note but not imported yet.
 */
public final class ProcImport {
    /** The frame table holds at most this many frames (64 GiB, as machine custom). */
    static final long MAX_FRAMES = 64L << (30 - Profile.PAGE_SHIFT);
    /** 128 MiB: x86_64's memory section (SECTION_SIZE_BITS 27), the unit in which memory is present or not. */
    private static final int SECTION_PAGES = 1 << (27 - Profile.PAGE_SHIFT);
    private static final String ZI = "zoneinfo", BI = "buddyinfo", PTI = "pagetypeinfo";

    /** The name of every imported machine's profile. */
    public static final String PROFILE_NAME = "from-proc";

    /** An imported machine: the profile, what each zone held, and every note the import made. */
    public record Result(Profile profile, List<ImportedZone> zones, List<ImportProblem> notes) {}

    private final ProcCapture capture;
    private final List<ImportProblem> notes = new ArrayList<>();

    private ProcImport(ProcCapture capture) { this.capture = capture; }

    /**
     * The machine the capture describes.
     *
     * @throws IllegalArgumentException when nothing usable was found (no zoneinfo with a populated zone of node 0),
     *     with a message that lists what was read and skipped
     */
    public static Result of(ProcCapture capture) { return new ProcImport(capture).build(); }

    private Result build() {
        notes.addAll(capture.skipped());
        String zoneText = capture.files().get(ZI);
        if (zoneText == null) throw nothingUsable("no zoneinfo: the zones' spans, watermarks and pagesets come from it");
        Zoneinfo zi = Zoneinfo.parse(ZI, zoneText, notes);
        List<Zoneinfo.Zone> node0 = zi.zones().stream().filter(z -> z.node() == 0).toList();
        zi.zones().stream().mapToInt(Zoneinfo.Zone::node).filter(n -> n != 0).distinct().forEach(n ->
                notes.add(new ImportProblem(ZI, 0, "node " + n + " left out: the model has one node, so node 0 is imported")));
        List<Zoneinfo.Zone> kept = keptZones(node0);
        if (kept.stream().noneMatch(Zoneinfo.Zone::populated)) throw nothingUsable("zoneinfo has no populated zone of node 0");

        Buddyinfo bi = capture.files().containsKey(BI) ? Buddyinfo.parse(BI, capture.files().get(BI), notes) : null;
        Pagetypeinfo pti = capture.files().containsKey(PTI) ? Pagetypeinfo.parse(PTI, capture.files().get(PTI), notes) : null;
        if (pti != null && pti.blockTypes().isEmpty()) pti = null;
        Profile profile = profile(kept, node0);
        if (pti != null && pti.pageblockOrder() >= 0 && pti.pageblockOrder() != profile.pageblockOrder())
            notes.add(new ImportProblem(PTI, 0, "pageblock order " + pti.pageblockOrder() + ", the model's is "
                    + profile.pageblockOrder() + ": the pageblock counts cannot come back as they were"));
        if (pti == null) notes.add(new ImportProblem(PTI, 0, "no per-type counts: every free block goes on the Movable lists "
                + "and every pageblock is Movable"));

        List<ImportedZone> zones = new ArrayList<>();
        int nrZones = kept.size();
        for (int i = 0; i < nrZones; i++) {
            Zoneinfo.Zone z = kept.get(i);
            ZoneSpan span = profile.zones().get(i);
            boolean empty = span.span().isEmpty();              // its watermarks and protection are printed all the same
            zones.add(new ImportedZone(span.type(), empty ? 0 : z.get("managed"), watermarks(z), protection(z, node0),
                    empty ? new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS] : freeBlocks(z, bi, pti),
                    pageblocks(z, pti), pcp(z, profile.nrCpus(), 0), pcp(z, profile.nrCpus(), 1)));
        }
        verify(profile, zones, kept);
        meminfo(zones);
        summarise("slabinfo", "cache");
        summarise("vmallocinfo", "area");
        return new Result(profile, zones, List.copyOf(notes));
    }

    private IllegalArgumentException nothingUsable(String why) {
        StringBuilder msg = new StringBuilder("nothing usable in " + capture.source() + ": " + why);
        for (ImportProblem p : capture.skipped()) msg.append("\n  ").append(p);
        return new IllegalArgumentException(msg.toString());
    }

    /** Node 0's zones that the model has, in order; a populated Device zone is kept as empty (no buddy memory). */
    private List<Zoneinfo.Zone> keptZones(List<Zoneinfo.Zone> node0) {
        List<Zoneinfo.Zone> kept = new ArrayList<>();
        for (Zoneinfo.Zone z : node0) {
            if (zoneType(z.name()) == null) notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + " is not a zone the model has; left out"));
            else kept.add(z);
        }
        return kept;
    }

    private static ZoneType zoneType(String name) {
        for (ZoneType t : ZoneType.values()) if (t.kernelName().equals(name)) return t;
        return null;
    }

    /**
     * The zones' spans in capture order (the kernel's zone index order); each populated zone's RAM from its start
     * for its present pages, its reservations (present - managed) at its start.
     */
    private Profile profile(List<Zoneinfo.Zone> kept, List<Zoneinfo.Zone> node0) {
        List<ZoneSpan> spans = new ArrayList<>();
        List<PfnRange> ram = new ArrayList<>();
        List<Reservation> reserved = new ArrayList<>();
        int end = 0;
        boolean highmem = false;
        for (Zoneinfo.Zone z : kept) {
            ZoneType type = zoneType(z.name());
            long start = z.get("start_pfn"), spanned = z.get("spanned"), present = z.get("present"), managed = z.get("managed");
            String why = null;
            if (z.populated()) {
                if (type == ZoneType.DEVICE) why = "ZONE_DEVICE memory is not the buddy allocator's";
                else if (start < 0 || spanned < present || managed < 0 || managed > present) why = "start_pfn, spanned, present or managed missing or inconsistent";
                else if (start < end) why = "it overlaps the zone before it (start_pfn " + start + " < " + end + ")";
                else if (start + spanned > MAX_FRAMES) why = "it ends above 64 GiB, the most the model holds";
            }
            if (!z.populated() || why != null) {
                if (why != null) notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + " imported as empty: " + why));
                spans.add(new ZoneSpan(type, new PfnRange(end, end)));
                continue;
            }
            int s = (int) start, r = (int) (present - managed), hole = (int) (spanned - present);
            spans.add(new ZoneSpan(type, new PfnRange(s, (int) (start + spanned))));
            // A hole of a memory section or more (the PCI hole) goes at the end, where it keeps whole sections
            // without RAM; a smaller one (the legacy BIOS hole in DMA) after the reservation, where x86 has it.
            if (hole == 0 || hole >= SECTION_PAGES) {
                ram.add(new PfnRange(s, (int) (start + present)));
            } else {
                if (r > 0) ram.add(new PfnRange(s, s + r));
                ram.add(new PfnRange(s + r + hole, (int) (start + spanned)));
            }
            if (r > 0) reserved.add(new Reservation(new PfnRange(s, s + r),
                    "reserved at boot (present - managed in zoneinfo; placed at the zone's start)"));
            highmem |= type == ZoneType.HIGHMEM;
            end = (int) (start + spanned);
        }
        int cpus = Math.max(1, node0.stream().flatMap(z -> z.pagesets().stream()).mapToInt(p -> p.cpu() + 1).max().orElse(1));
        if (cpus > 4096) {
            notes.add(new ImportProblem(ZI, 0, cpus + " CPUs: the model has at most 4096; the rest left out"));
            cpus = 4096;
        }
        long totalMiB = ram.stream().mapToLong(PfnRange::nrPages).sum() >> (20 - Profile.PAGE_SHIFT);
        String label = capture.source().equals("/proc (this host)") ? "This machine" : "Imported from " + capture.source();
        return new Profile(PROFILE_NAME, label + ": " + totalMiB + " MiB present, " + cpus + " CPUs", highmem ? 32 : 64, cpus,
                spans, ram, reserved, true, !highmem);
    }

    private boolean promoNoted;

    /** min, low, high, promo; kernels before 6.1 print no promo, which is then high + (high - low) as 6.12 sets it. */
    private long[] watermarks(Zoneinfo.Zone z) {
        long min = Math.max(0, z.get("min")), low = Math.max(min, z.get("low")), high = Math.max(low, z.get("high"));
        long promo = z.get("promo");
        if (promo < 0) {
            promo = high + (high - low);
            if (!promoNoted) notes.add(new ImportProblem(ZI, 0, "no promo watermark (kernel before 6.1): each zone's set to high + (high - low)"));
            promoNoted = true;
        }
        return new long[] {min, low, high, promo};
    }

    /** The protection tuple's entries for the zones kept, in the capture's zone order. */
    private long[] protection(Zoneinfo.Zone z, List<Zoneinfo.Zone> node0) {
        List<Long> out = new ArrayList<>();
        long[] p = z.protection();
        if (p.length != node0.size())
            notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + ": protection has " + p.length + " entries for " + node0.size() + " zones"));
        for (int i = 0; i < node0.size(); i++) if (zoneType(node0.get(i).name()) != null) out.add(i < p.length ? p[i] : 0L);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private long[][] freeBlocks(Zoneinfo.Zone z, Buddyinfo bi, Pagetypeinfo pti) {
        long[][] blocks = new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS];
        long[] perOrder = null;
        if (bi != null) {
            Buddyinfo.Row row = bi.rows().stream().filter(r -> r.node() == 0 && r.zone().equals(z.name())).findFirst().orElse(null);
            if (row != null) perOrder = orders(BI, z.name(), row.freeBlocks());
        }
        List<Pagetypeinfo.FreeRow> rows = pti == null ? List.of()
                : pti.free().stream().filter(r -> r.node() == 0 && r.zone().equals(z.name())).toList();
        if (!rows.isEmpty()) {
            for (Pagetypeinfo.FreeRow r : rows) {
                MigrateType t = migrateType(r.type());
                long[] counts = orders(PTI, z.name(), r.freeBlocks());
                for (int o = 0; o < counts.length; o++) blocks[t.ordinal()][o] += counts[o];
                if (r.capped()) notes.add(new ImportProblem(PTI, 0, "zone " + z.name() + ", type " + r.type()
                        + ": a count was capped at 100000 by the kernel ('>100000'); 100000 imported"));
            }
            long[] sums = new long[BuddyAllocator.NR_PAGE_ORDERS];
            for (long[] row : blocks) for (int o = 0; o < sums.length; o++) sums[o] += row[o];
            if (perOrder != null && !Arrays.equals(sums, perOrder))
                notes.add(new ImportProblem(BI, 0, "zone " + z.name() + ": buddyinfo and pagetypeinfo disagree (read at different "
                        + "moments?); the free blocks come from pagetypeinfo"));
        } else if (perOrder != null) {
            blocks[MigrateType.MOVABLE.ordinal()] = perOrder;
        } else {
            notes.add(new ImportProblem(BI, 0, "zone " + z.name() + ": no free-block counts; its managed memory is all shown in use"));
        }
        return blocks;
    }

    /** A row cut or padded to the model's 11 orders (some ARM kernels have 13). */
    private long[] orders(String file, String zone, long[] counts) {
        long[] out = Arrays.copyOf(counts, BuddyAllocator.NR_PAGE_ORDERS);
        if (counts.length != out.length) {
            long dropped = 0;
            for (int o = out.length; o < counts.length; o++) dropped += counts[o];
            notes.add(new ImportProblem(file, 0, "zone " + zone + ": " + counts.length + " orders, the model has " + out.length
                    + (dropped > 0 ? "; " + dropped + " blocks above order " + BuddyAllocator.MAX_PAGE_ORDER + " left out" : "")));
        }
        return out;
    }

    private final Map<String, Boolean> typeNoted = new LinkedHashMap<>();

    private MigrateType migrateType(String name) {
        for (MigrateType t : MigrateType.values()) if (t.kernelName().equals(name)) return t;
        if (typeNoted.put(name, true) == null) notes.add(new ImportProblem(PTI, 0, "migrate type " + name + " is not in the model "
                + "(Debian's 6.12 has no CMA; Reserve is from kernels before 4.4): counted as Movable"));
        return MigrateType.MOVABLE;
    }

    /** Pageblocks per type as pagetypeinfo counts them; none without it (boot's Movable stays). */
    private int[] pageblocks(Zoneinfo.Zone z, Pagetypeinfo pti) {
        int[] counts = new int[MigrateType.COUNT];
        Pagetypeinfo.BlockRow row = pti == null ? null
                : pti.blocks().stream().filter(r -> r.node() == 0 && r.zone().equals(z.name())).findFirst().orElse(null);
        if (row != null)
            for (int i = 0; i < row.pageblocks().length; i++)
                counts[migrateType(pti.blockTypes().get(i)).ordinal()] += (int) Math.min(row.pageblocks()[i], Integer.MAX_VALUE);
        return counts;
    }

    /** Per CPU, the pageset's count (what 0) or high (what 1); 0 for a CPU the zone does not list. */
    private static int[] pcp(Zoneinfo.Zone z, int nrCpus, int what) {
        int[] out = new int[nrCpus];
        for (Zoneinfo.Pageset p : z.pagesets())
            if (p.cpu() < nrCpus) out[p.cpu()] = (int) Math.min(Integer.MAX_VALUE, what == 0 ? p.count() : p.high());
        return out;
    }

    /**
     * Boots the machine once and compares: a free block the layout found no room for, a batch the model computes
     * otherwise, a free count zoneinfo disagrees with.
     */
    private void verify(Profile profile, List<ImportedZone> zones, List<Zoneinfo.Zone> kept) {
        PhysicalMemory mem = new PhysicalMemory(profile, zones);
        for (ImportedZone iz : zones) {
            Zone z = mem.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElseThrow();
            Zoneinfo.Zone captured = kept.stream().filter(k -> k.name().equals(z.name())).findFirst().orElseThrow();
            long missing = 0;
            for (MigrateType t : MigrateType.values())
                for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++)
                    missing += Math.max(0, iz.freeBlocks()[t.ordinal()][o] - mem.buddy().nrFree(z, o, t)) << o;
            int[] blocks = mem.buddy().pageblockCounts(z);
            if (Arrays.stream(iz.pageblocks()).sum() > 0 && !Arrays.equals(blocks, iz.pageblocks()))
                notes.add(new ImportProblem(PTI, 0, "zone " + z.name() + ": pageblocks per type " + Arrays.toString(iz.pageblocks())
                        + " captured, " + Arrays.toString(blocks) + " in the model (the span's pageblocks differ in number)"));
            if (missing > 0) notes.add(new ImportProblem(capture.files().containsKey(PTI) ? PTI : BI, 0, "zone " + z.name() + ": no room for " + missing
                    + " pages of free blocks in their pageblocks; left out"));
            if (z.isPopulated() && captured.get("free") >= 0 && captured.get("free") != z.freePages())
                notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + ": pages free " + captured.get("free") + ", the free blocks add up to "
                        + z.freePages() + " (files read at different moments?)"));
            if (z.hasPcp()) {
                long batch = captured.pagesets().isEmpty() ? -1 : captured.pagesets().get(0).batch();
                if (batch >= 0 && batch != z.pcpBatch()) notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + ": pcp batch " + batch
                        + ", the model computes " + z.pcpBatch() + " from managed pages"));
                long wanted = Arrays.stream(iz.pcpCount()).asLongStream().sum(), got = 0;
                for (int cpu = 0; cpu < profile.nrCpus(); cpu++) got += z.pcpCount(cpu);
                if (got < wanted) notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + ": room for " + got + " of " + wanted + " per-CPU pages"));
            }
        }
    }

    /** meminfo's totals against the zones: MemTotal is the managed pages, MemFree the free and per-CPU pages. */
    private void meminfo(List<ImportedZone> zones) {
        String text = capture.files().get("meminfo");
        if (text == null) return;
        Meminfo mi = Meminfo.parse("meminfo", text, notes);
        long managedKb = zones.stream().mapToLong(ImportedZone::managedPages).sum() << 2;
        long freeKb = zones.stream().mapToLong(z -> z.freePages() + Arrays.stream(z.pcpCount()).sum()).sum() << 2;
        long total = mi.get("MemTotal"), free = mi.get("MemFree");
        StringBuilder msg = new StringBuilder("MemTotal " + total + " kB, MemFree " + free + " kB; node 0's zones: managed "
                + managedKb + " kB, free " + freeKb + " kB");
        if (total >= 0 && total != managedKb) msg.append(" (other nodes, or the files were read at different moments)");
        notes.add(new ImportProblem("meminfo", 0, msg.toString()));
    }

    private void summarise(String name, String what) {
        String text = capture.files().get(name);
        if (text == null) return;
        List<ImportProblem> problems = new ArrayList<>();
        int n = name.equals("slabinfo") ? Slabinfo.parse(name, text, problems).caches().size() : Vmallocinfo.parse(name, text, problems).areas().size();
        notes.addAll(problems.subList(0, Math.min(5, problems.size())));
        notes.add(new ImportProblem(name, 0, n + " " + what + (n == 1 ? "" : "s") + " read, not imported yet: their pages are part of "
                + "\"in use (imported)\""));
    }
}
