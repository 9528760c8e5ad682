package kmemviz.core.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmemviz.core.mm.BootedOnce;
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
import kmemviz.core.slab.ImportedCache;
import kmemviz.core.slab.KmallocSizes;
import kmemviz.core.slab.SlabGeometry;
import kmemviz.core.vm.AddressLayout;
import kmemviz.core.vm.VmapArea;

/**
 * Turns a {@link ProcCapture} into a machine: the zones of node 0 from zoneinfo (start_pfn, spanned, present,
 * managed, watermarks, protection, pagesets), the free blocks per order from buddyinfo, per migrate type from
 * pagetypeinfo with its pageblock counts, and meminfo's totals checked against them.
 *
 * <p>What it simplifies, and says so in its notes: one node (node 0); a zone's holes (spanned - present) at the
 * end of its span, its boot reservations (present - managed) on the highest pages the free blocks leave, and
 * present memory pagetypeinfo does not count as offline sections at the zone's top, since /proc gives their sizes,
 * not their places; the free blocks placed by {@code ImportedLayout} (core/mm), not where the host had them; the pages
 * on per-CPU lists as order-0 pages; migrate types the model lacks (CMA, the old Reserve) counted as Movable;
 * everything else managed shown as "in use (imported)", since no file says who holds it, except the pages that
 * slabinfo's caches and vmallocinfo's areas hold, which the boot hands to them out of that memory
 * ({@code ImportedOwners}, core/kernel): free memory stays as imported. Which slab objects are in use and which
 * frames back a vmalloc area are ours (the files give counts); vmalloc areas keep their printed addresses when
 * these are real and fit the model's vmalloc area, else they are placed in file order (see {@link #vmapAreas}).
 */
public final class ProcImport {
    /** The frame table holds at most this many frames (64 GiB, as machine custom). */
    static final long MAX_FRAMES = 64L << (30 - Profile.PAGE_SHIFT);
    /** 128 MiB: x86_64's memory section (SECTION_SIZE_BITS 27), the unit in which memory is present or not. */
    private static final int SECTION_PAGES = 1 << (27 - Profile.PAGE_SHIFT);
    private static final String ZI = "zoneinfo", BI = "buddyinfo", PTI = "pagetypeinfo", MI = "meminfo", SI = "slabinfo",
            VI = "vmallocinfo";

    /** The name of every imported machine's profile. */
    public static final String PROFILE_NAME = "from-proc";

    /** An imported machine: the profile, what each zone held, every note the import made, and the machine verify() booted. */
    public record Result(Profile profile, List<ImportedZone> zones, List<ImportProblem> notes, List<ImportedCache> slabCaches,
                         List<VmapArea> vmapAreas, BootedOnce booted) {}

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
        Profile profile = profile(kept, node0, pti);
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
            zones.add(new ImportedZone(span.type(), empty ? 0 : managed(z), watermarks(z), protection(z, node0),
                    empty ? new long[MigrateType.COUNT][BuddyAllocator.NR_PAGE_ORDERS] : freeBlocks(z, bi, pti),
                    pageblocks(z, pti), pcp(z, profile.nrCpus(), 0), pcp(z, profile.nrCpus(), 1)));
        }
        PhysicalMemory booted = verify(profile, zones, kept, pti);
        List<ImportedCache> caches = slabCaches(profile);
        List<VmapArea> areas = vmapAreas(profile);
        meminfo(zones, caches, areas);
        return new Result(profile, List.copyOf(zones), List.copyOf(notes), caches, areas, new BootedOnce(booted));
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
        // zoneinfo printed populated zones only before 4.12 (walk_zones_in_node(..., assert_populated) came with
        // "mm, vmstat: print non-populated zones in zoneinfo"): a machine of 4 GiB or less then shows no Normal and
        // no Movable, zones every kernel since 2.6.23 has and gfp_zone() chooses (GFP_KERNEL, GFP_HIGHUSER_MOVABLE),
        // so the model gets them empty.
        for (ZoneType always : List.of(ZoneType.NORMAL, ZoneType.MOVABLE)) {
            if (kept.isEmpty() || kept.stream().anyMatch(z -> zoneType(z.name()) == always)) continue;
            int at = 0;
            while (at < kept.size() && zoneType(kept.get(at).name()).ordinal() < always.ordinal()) at++;
            kept.add(at, new Zoneinfo.Zone(0, always.kernelName(), Map.of(), new long[0], List.of()));
            notes.add(new ImportProblem(ZI, 0, "no zone " + always.kernelName() + " (kernels before 4.12 print populated zones only): the model's is empty"));
        }
        return kept;
    }

    private static ZoneType zoneType(String name) {
        for (ZoneType t : ZoneType.values()) if (t.kernelName().equals(name)) return t;
        return null;
    }

    /**
     * The zones' spans in capture order (the kernel's zone index order); each populated zone's RAM from its start
     * for its present pages. Its boot reservations (present - managed) are placed by the layout (ImportedLayout,
     * core/mm) on the highest pages its free blocks leave, except memory pagetypeinfo does not count (see
     * {@link #offline}).
     */
    private Profile profile(List<Zoneinfo.Zone> kept, List<Zoneinfo.Zone> node0, Pagetypeinfo pti) {
        List<ZoneSpan> spans = new ArrayList<>();
        List<PfnRange> ram = new ArrayList<>();
        List<Reservation> reserved = new ArrayList<>();
        int end = 0;
        boolean highmem = false;
        for (Zoneinfo.Zone z : kept) {
            ZoneType type = zoneType(z.name());
            long start = z.get("start_pfn"), spanned = z.get("spanned"), present = z.get("present"), managed = managed(z);
            if (z.get("managed") < 0 && z.populated())
                notes.add(new ImportProblem(ZI, 0, "zone " + z.name() + ": no managed (kernel before 3.8): present taken as managed"));
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
            highmem |= type == ZoneType.HIGHMEM;
            end = (int) (start + spanned);
        }
        if (ram.isEmpty()) throw nothingUsable("no zone of node 0 has a usable start_pfn, spanned and present");
        for (int i = 0; i < kept.size(); i++) {
            Reservation off = offline(kept.get(i), spans.get(i).span(), ram, highmem ? 32 : 64, pti);
            if (off != null) reserved.add(off);
        }
        int cpus = Math.max(1, node0.stream().flatMap(z -> z.pagesets().stream()).mapToInt(p -> p.cpu() + 1).max().orElse(1));
        if (cpus > 4096) {
            notes.add(new ImportProblem(ZI, 0, cpus + " CPUs: the model has at most 4096; the rest left out"));
            cpus = 4096;
        }
        long totalMiB = ram.stream().mapToLong(PfnRange::nrPages).sum() >> (20 - Profile.PAGE_SHIFT);
        String label = capture.source().equals("/proc (this host)") ? "This machine" : "Imported from " + capture.source();
        // Every kernel since 2.6 prints the pagesets of a populated zone; a zoneinfo without any is the model's own
        // print of a machine with per-CPU lists off (pcp=off), which comes back the same way.
        boolean pcp = node0.stream().anyMatch(z -> !z.pagesets().isEmpty());
        return new Profile(PROFILE_NAME, label + ": " + totalMiB + " MiB present, " + cpus + " CPUs", highmem ? 32 : 64, cpus,
                spans, ram, reserved, true, !highmem, pcp, true);
    }

    /**
     * Present memory pagetypeinfo does not count, as whole memory sections kept offline at the top of the zone's RAM,
     * or null. pagetypeinfo_showblockcount_print() (mm/vmstat.c) counts a pageblock step only where
     * pfn_to_online_page() gives a page; a host that keeps sections of present memory offline (a Firecracker guest
     * of 6.18 counts fewer pageblocks in Normal than its span has, all its present - managed in them) prints fewer
     * than the zone's steps. Where are they? The files do not say; the zone's top is the model's choice.
     */
    private Reservation offline(Zoneinfo.Zone z, PfnRange span, List<PfnRange> ram, int bits, Pagetypeinfo pti) {
        Pagetypeinfo.BlockRow row = pti == null ? null
                : pti.blocks().stream().filter(b -> b.node() == 0 && b.zone().equals(z.name())).findFirst().orElse(null);
        if (row == null || span.isEmpty() || pti.pageblockOrder() >= 0 && pti.pageblockOrder() != (bits == 64 ? 9 : 10)) return null;
        int pb = 1 << (bits == 64 ? 9 : 10), sectionShift = (bits == 64 ? 27 : 26) - Profile.PAGE_SHIFT;
        long counted = Arrays.stream(row.pageblocks()).sum(), steps = 0;
        for (long pfn = span.startPfn(); pfn < span.endPfn(); pfn += pb) {
            long section = pfn >>> sectionShift;
            if (ram.stream().anyMatch(r -> (r.startPfn() >>> sectionShift) <= section && section <= ((r.endPfn() - 1) >>> sectionShift))) steps++;
        }
        long pages = (steps - counted) * pb, unmanaged = z.get("present") - managed(z);
        PfnRange top = ram.stream().filter(r -> span.contains(r.startPfn())).reduce((a, b) -> b).orElse(null);
        if (pages <= 0 || top == null || pages % (1L << sectionShift) != 0 || pages > unmanaged || pages > top.nrPages()
                || top.endPfn() % (1 << sectionShift) != 0) return null;
        notes.add(new ImportProblem(PTI, 0, "zone " + z.name() + ": " + counted + " pageblocks counted of the " + steps
                + " its present memory spans: " + (pages >> sectionShift) + " memory sections kept offline (not counted, not managed)"
                + ", placed at the top of the zone"));
        return new Reservation(new PfnRange((int) (top.endPfn() - pages), top.endPfn()), "present, memory section offline "
                + "(pagetypeinfo does not count it; placed at the zone's top)", true);
    }

    private boolean promoNoted;

    /** zoneinfo prints managed since 3.8 (commit "mm: introduce new field 'managed_pages' to struct zone"); before, present. */
    private static long managed(Zoneinfo.Zone z) { return z.get("managed") >= 0 ? z.get("managed") : z.get("present"); }

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
     * otherwise, a free count zoneinfo disagrees with. The machine is returned for the first boot to take.
     */
    private PhysicalMemory verify(Profile profile, List<ImportedZone> zones, List<Zoneinfo.Zone> kept, Pagetypeinfo pti) {
        PhysicalMemory mem = new PhysicalMemory(profile, zones);
        for (ImportedZone iz : zones) {
            Zone z = mem.zones().stream().filter(zone -> zone.type() == iz.type()).findFirst().orElseThrow();
            Zoneinfo.Zone captured = kept.stream().filter(k -> k.name().equals(z.name())).findFirst().orElseThrow();
            long missing = 0;
            for (MigrateType t : MigrateType.values()) {
                long typeMissing = 0;
                for (int o = 0; o < BuddyAllocator.NR_PAGE_ORDERS; o++)
                    typeMissing += Math.max(0, iz.freeBlocks()[t.ordinal()][o] - mem.buddy().nrFree(z, o, t)) << o;
                Pagetypeinfo.FreeRow row = pti == null ? null : pti.free().stream()
                        .filter(r -> r.node() == 0 && r.zone().equals(z.name()) && r.type().equals(t.kernelName())).findFirst().orElse(null);
                if (typeMissing > 0 && row != null) {
                    // Free pages are always on their pageblock's type list (6.12), so a type's free blocks must fit
                    // in its pageblocks; a capture read while they changed can ask for more than they hold.
                    notes.add(new ImportProblem(PTI, row.line(), "zone " + z.name() + ": no room for " + typeMissing + " pages of "
                            + t.kernelName() + " free blocks in the zone's " + iz.pageblocks()[t.ordinal()] + " " + t.kernelName()
                            + " pageblocks (files read at different moments?); left out"));
                } else {
                    missing += typeMissing;
                }
            }
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
        return mem;
    }

    /**
     * meminfo's totals against the other files (fs/proc/meminfo.c): MemTotal is totalram_pages(), the managed pages
     * of every zone; MemFree is NR_FREE_PAGES, the free blocks on the buddy lists (pages on per-CPU lists are not
     * in it); Slab is SReclaimable + SUnreclaim, the slabs' pages; VmallocUsed is vmalloc_nr_pages(). A disagreement
     * is a warning on the meminfo line; the import keeps the zones' figures.
     */
    private void meminfo(List<ImportedZone> zones, List<ImportedCache> caches, List<VmapArea> areas) {
        String text = capture.files().get(MI);
        if (text == null) return;
        Meminfo mi = Meminfo.parse(MI, text, notes);
        long managedKb = zones.stream().mapToLong(ImportedZone::managedPages).sum() << 2;
        long freeKb = zones.stream().mapToLong(ImportedZone::freePages).sum() << 2;
        check(mi, "MemTotal", managedKb, "node 0's managed pages (zoneinfo)");
        check(mi, "MemFree", freeKb, "node 0's free blocks (buddyinfo, pagetypeinfo)");
        if (capture.files().containsKey(SI))
            check(mi, "Slab", caches.stream().mapToLong(c -> c.numSlabs() << c.geometry().order()).sum() << 2, "slabinfo's slabs");
        if (capture.files().containsKey(VI))
            check(mi, "VmallocUsed", areas.stream().mapToLong(VmapArea::nrPages).sum() << 2, "vmallocinfo's pages=");
        if (mi.values().isEmpty()) notes.add(new ImportProblem(MI, 0, "no line could be read; nothing checked"));
    }

    private void check(Meminfo mi, String label, long expectedKb, String what) {
        long kb = mi.get(label);
        if (kb >= 0 && kb != expectedKb)
            notes.add(new ImportProblem(MI, mi.line(label), label + " " + kb + " kB, but " + what + " give " + expectedKb
                    + " kB (other nodes, or the files were read at different moments); the model keeps the latter"));
    }

    /**
     * slabinfo's caches as the model will hold them: each row's objsize and pagesperslab as its layout when its
     * objperslab is what SLUB's layout gives (PAGE_SIZE << order) / objsize; otherwise (SLAB's on-slab descriptors,
     * an order the model lacks) the model's own layout for that objsize, with a warning on the row.
     */
    private List<ImportedCache> slabCaches(Profile profile) {
        String text = capture.files().get(SI);
        if (text == null) return List.of();
        Slabinfo si = Slabinfo.parse(SI, text, notes);
        int pointerSize = profile.bits() == 64 ? 8 : 4;
        List<ImportedCache> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Slabinfo.Cache c : si.caches()) {
            if (seen.put(c.name(), true) != null) {
                notes.add(new ImportProblem(SI, c.line(), "cache " + c.name() + " listed twice; the second row left out"));
                continue;
            }
            long pps = c.pagesPerSlab();
            int order = Long.numberOfTrailingZeros(Math.max(1, pps));
            if (c.objSize() <= 0 || c.objSize() > KmallocSizes.KMALLOC_MAX_SIZE || pps < 1 || Long.bitCount(pps) != 1
                    || order > BuddyAllocator.MAX_PAGE_ORDER) {
                notes.add(new ImportProblem(SI, c.line(), "cache " + c.name() + ": objsize " + c.objSize() + ", pagesperslab " + pps
                        + " make no slab the model can hold (objsize 1.." + KmallocSizes.KMALLOC_MAX_SIZE
                        + ", pagesperslab a power of two up to " + (1 << BuddyAllocator.MAX_PAGE_ORDER) + "); left out"));
                continue;
            }
            if (c.numSlabs() > MAX_FRAMES) {
                notes.add(new ImportProblem(SI, c.line(), "cache " + c.name() + ": " + c.numSlabs() + " slabs, more than the "
                        + MAX_FRAMES + " pages the model holds; left out"));
                continue;
            }
            SlabGeometry g;
            if (c.objPerSlab() >= 1 && c.objPerSlab() == ((long) Profile.PAGE_SIZE << order) / c.objSize()) {
                g = SlabGeometry.imported((int) c.objSize(), order, pointerSize);
            } else {
                g = SlabGeometry.compute((int) c.objSize(), 0, profile.nrCpus(), pointerSize);
                notes.add(new ImportProblem(SI, c.line(), "cache " + c.name() + ": " + c.objPerSlab() + " objects per slab of "
                        + pps + " pages is not SLUB's layout for objsize " + c.objSize() + " (a SLAB kernel?); the model's layout, "
                        + g.objectsPerSlab() + " per slab of " + g.pagesPerSlab() + " pages, holds its " + c.numSlabs() + " slabs"));
            }
            long capacity = c.numSlabs() * g.objectsPerSlab(), active = c.activeObjs();
            if (active > capacity) {
                notes.add(new ImportProblem(SI, c.line(), "cache " + c.name() + ": " + active + " active objects but room for "
                        + capacity + " in " + c.numSlabs() + " slabs; " + capacity + " imported"));
                active = capacity;
            }
            out.add(new ImportedCache(c.name(), g, c.numSlabs(), active));
        }
        if (si.caches().isEmpty()) notes.add(new ImportProblem(SI, 0, "no cache row could be read"));
        return out;
    }

    /**
     * vmallocinfo's areas placed in the model's vmalloc area. Printed addresses are kept when every area's are real:
     * page aligned, end - start = size, no two overlapping, all inside [VMALLOC_START, VMALLOC_END). Real addresses
     * outside it (KASLR moves vmalloc_base) are moved together by one offset, so the gaps stay. Hashed addresses
     * (%pK with kptr_restrict=0) and zeroed ones (kptr_restrict=1 without CAP_SYSLOG) say nothing of place: the areas
     * then follow one another in file order from VMALLOC_START. Lazily freed areas ("unpurged vm_area") are left
     * out: the model frees a range at once.
     */
    private List<VmapArea> vmapAreas(Profile profile) {
        String text = capture.files().get(VI);
        if (text == null) return List.of();
        Vmallocinfo vi = Vmallocinfo.parse(VI, text, notes);
        boolean is64 = profile.bits() == 64;
        AddressLayout layout = is64 ? AddressLayout.x86_64() : AddressLayout.i386(profile.endPfn());
        long vstart = layout.vmallocStart(), vend = layout.vmallocEnd();
        List<Vmallocinfo.Area> kept = new ArrayList<>();
        int unpurged = 0;
        for (Vmallocinfo.Area a : vi.areas()) {
            if (a.flags().contains("unpurged")) unpurged++;
            else if (a.size() <= 0 || a.size() % Profile.PAGE_SIZE != 0 || a.size() > vend - vstart)
                notes.add(new ImportProblem(VI, a.line(), "size " + a.size() + " is not a whole number of pages that fits the "
                        + "vmalloc area; line left out"));
            else kept.add(a);
        }
        if (unpurged > 0) notes.add(new ImportProblem(VI, 0, unpurged + " unpurged (lazily freed) area" + (unpurged == 1 ? "" : "s")
                + " left out: the model frees a range at once"));
        long[] starts = printedStarts(kept);
        if (starts != null && !inside(starts, kept, vstart, vend)) {
            long base = Arrays.stream(starts).reduce(-1L, (x, y) -> Long.compareUnsigned(x, y) <= 0 ? x : y) & -(1L << 30);
            long shift = vstart - base;
            long[] moved = Arrays.stream(starts).map(s2 -> s2 + shift).toArray();
            if (inside(moved, kept, vstart, vend)) {
                notes.add(new ImportProblem(VI, 0, "addresses outside the model's vmalloc area (0x" + Long.toHexString(vstart)
                        + "..., KASLR moves it): every area moved by one offset, gaps kept"));
                starts = moved;
            } else {
                starts = null;
            }
        }
        if (starts == null && !kept.isEmpty()) {
            starts = new long[kept.size()];
            long next = vstart;
            for (int i = 0; i < kept.size(); i++) {
                starts[i] = next;
                next += kept.get(i).size();
            }
            if (Long.compareUnsigned(next, vend) > 0) {
                notes.add(new ImportProblem(VI, 0, "the areas add up to more than the model's vmalloc area; none imported"));
                return List.of();
            }
            notes.add(new ImportProblem(VI, 0, "addresses hashed (%pK, kptr_restrict=0), zeroed (kptr_restrict=1 without "
                    + "CAP_SYSLOG) or not real: the " + kept.size() + " areas are placed in file order from VMALLOC_START, "
                    + "one after another, sizes as printed"));
        }
        List<VmapArea> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Vmallocinfo.Area a = kept.get(i);
            long pages = a.pages();
            if (pages << Profile.PAGE_SHIFT > a.size()) {
                notes.add(new ImportProblem(VI, a.line(), "pages=" + pages + " do not fit size " + a.size() + "; "
                        + (a.size() >> Profile.PAGE_SHIFT) + " imported"));
                pages = a.size() >> Profile.PAGE_SHIFT;
            }
            boolean guard = pages << Profile.PAGE_SHIFT < a.size();
            out.add(new VmapArea(starts[i], a.size(), (int) pages, a.caller(), !guard, a.flags().contains("vpages"), kind(a)));
        }
        return out;
    }

    /** Each area's printed start when all are real and disjoint (end - start = size, page aligned); else null. */
    private static long[] printedStarts(List<Vmallocinfo.Area> areas) {
        long[] starts = new long[areas.size()];
        for (int i = 0; i < starts.length; i++) {
            Vmallocinfo.Area a = areas.get(i);
            long start = Long.parseUnsignedLong(a.start().substring(2), 16), end = Long.parseUnsignedLong(a.end().substring(2), 16);
            if (start == 0 || (start & (Profile.PAGE_SIZE - 1)) != 0 || end - start != a.size()) return null;
            starts[i] = start;
        }
        Integer[] byStart = new Integer[starts.length];
        for (int i = 0; i < byStart.length; i++) byStart[i] = i;
        Arrays.sort(byStart, (x, y) -> Long.compareUnsigned(starts[x], starts[y]));
        for (int i = 1; i < byStart.length; i++) {
            Vmallocinfo.Area prev = areas.get(byStart[i - 1]);
            if (Long.compareUnsigned(starts[byStart[i - 1]] + prev.size(), starts[byStart[i]]) > 0) return null;
        }
        return starts;
    }

    private static boolean inside(long[] starts, List<Vmallocinfo.Area> areas, long vstart, long vend) {
        for (int i = 0; i < starts.length; i++) {
            long end = starts[i] + areas.get(i).size();
            if (Long.compareUnsigned(starts[i], vstart) < 0 || Long.compareUnsigned(end, vend) > 0
                    || Long.compareUnsigned(end, starts[i]) < 0) return false;
        }
        return true;
    }

    /** The words vmalloc_info_show() prints after pages=, in its order: phys=, then the flag words. */
    private static String kind(Vmallocinfo.Area a) {
        StringBuilder sb = new StringBuilder();
        if (a.phys() != null) sb.append("phys=").append(a.phys());
        for (String f : List.of("ioremap", "sparse", "vmalloc", "vmap", "user", "dma-coherent", "vm_map_ram"))
            if (a.flags().contains(f)) sb.append(sb.isEmpty() ? "" : " ").append(f);
        return sb.toString();
    }
}
