package kmemviz.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Api;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.Gfp;
import kmemviz.core.mm.GfpParser;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.PhysicalMemory;
import kmemviz.core.mm.TracedPcp;
import kmemviz.core.slab.KmallocPlan;
import kmemviz.core.trace.KmemEvent;
import kmemviz.core.trace.KmemEvent.PageAlloc;
import kmemviz.core.trace.KmemEvent.PageAllocExtfrag;
import kmemviz.core.trace.KmemEvent.PageAllocZoneLocked;
import kmemviz.core.trace.KmemEvent.PageFree;
import kmemviz.core.trace.KmemEvent.PagePcpuDrain;
import kmemviz.core.trace.KmemEvent.SlabAlloc;
import kmemviz.core.trace.KmemEvent.SlabFree;
import kmemviz.core.trace.KmemTraceParser;
import kmemviz.core.trace.ReplayCount;
import kmemviz.core.trace.ReplaySummary;
import kmemviz.core.trace.TraceLine;

/**
 * Applies an ftrace kmem trace to the model, one line at a time as it is read (a reader thread reads and parses a few
 * batches ahead, {@link ParsedLines}): the file is never held whole, and what stays in memory is what is live (the
 * pointers of live objects, the allocation records), so a long trace costs no more than a short one with the same end
 * state.
 *
 * <p>Page events are applied at their own pfn: mm_page_alloc takes that block off the buddy lists
 * ({@link PhysicalMemory#allocBlockAt}), a page free gives back a block that an mm_page_alloc of a replay took,
 * found through the frame's allocation id; mm_page_alloc_extfrag with change_ownership claims the pageblock.
 *
 * <p>The per-CPU lists are followed as 6.12 moves them (mm/page_alloc.c, {@link TracedPcp}), on the list of the
 * line's [CPU] for the traced type and order: mm_page_alloc_zone_locked with percpu_refill=1 (__rmqueue_smallest()
 * inside rmqueue_bulk()) puts its block at the list's tail, mm_page_alloc of a block on the list takes it off,
 * mm_page_free of a pcp order (free_unref_page()) puts the page at the head, and mm_page_pcpu_drain
 * (free_pcppages_bulk()) gives it to the buddy lists. mm_page_free_batched (free_unref_folios()) follows its page's
 * mm_page_free in 5.x and 6.x and precedes it in 3.x and 4.x: one of the two frees, the other is counted as its pair.
 * This needs the drains in the trace (without them the lists would only grow), a [CPU] column and a machine with
 * pcp=on; a trace whose drains print a decimal pfn is older than 5.14, whose lists held order 0 only. Where any of
 * it is missing the page goes to or from the buddy lists as if there were no lists, and the summary says why.
 *
 * <p>Slab allocations become objects of the
 * kmalloc cache of their bytes_alloc (the alloc events name no cache), keyed by the traced pointer text so that the
 * free with the same pointer finds them; the call site becomes the object's caller. Nothing is fatal: each line
 * that cannot be applied is counted by kind ({@link ReplayCount}), and the first few are quoted with their line.
 *
 * <p>A replay in parts ({@code replay FILE lines A-B}, the lesson player's steps) is one TraceReplay that lives in
 * the kernel from part to part: each part reads on from the byte where the part before stopped, and the state above
 * (the live pointers, the counts, the line and byte reached) is what a checkpoint copies, so that a seek that
 * restores a checkpoint in the middle of a trace goes on from there exactly as the first run did.
 *
 * <p>The caller mutes the model's events for the replay (a million events would be a million log lines and view
 * updates) and resets the views once at the end.
 */
final class TraceReplay {
    /** The {@code call} of a replayed page block: how a later free tells a traced block from the model's own. */
    static final String PAGE_CALL = "mm_page_alloc";
    private static final int NOT_A_SLAB_OBJECT = -1;      // a large kmalloc's pointer: its pages are page events
    private static final int PROGRESS_LINES = 1 << 13;
    private static final int MAX_CACHED_GFP = 4_096;
    private static final String BATCHED = "mm_page_free_batched";
    /** {@link #listCpu}'s answer when the event does not act on a per-CPU list. */
    private static final int NO_LIST = -1;

    // What a replay carries from one line to the next, and from one part to the next: a checkpoint copies it.
    private final Path file;
    private final String name;
    private final KmemTraceParser parser = new KmemTraceParser();
    // traced ptr -> allocation id. The %p of 4.15 and later (16 lowercase hex digits) is keyed by its value without
    // boxing, since a replay looks one up per slab event; any other spelling (trace-cmd's 0x..., old raw pointers)
    // by its text. A text goes to one map only, so a free always finds its allocation.
    private final LongIntMap liveHashedPointers;
    private final Map<String, Integer> liveOtherPointers;
    private final Map<String, Integer> gfpMasks;           // gfp_flags text -> mask, or -1
    private final long[] counts;
    private final List<String> firstProblems;
    private long lineNo;                                    // lines read so far
    private long nextByte;                                  // where the line after them starts
    private boolean atEnd;
    private String lastEvent;                               // the last kmem event line read, as the trace has it
    private PcpTrace pcpTrace;                              // null until the first part reads the file
    private int batchedAhead = FrameTable.NO_PFN;           // a page 3.x/4.x's mm_page_free_batched freed before its mm_page_free

    // The model a run applies the lines to: bound by each run, since a restored checkpoint brings a new one.
    private PhysicalMemory mem;
    private CallContext ctx;
    private SlabCalls slabCalls;
    private TracedPcp pcp;
    private long hashedValue;                               // isHashedPointer()'s value of the pointer it accepted

    TraceReplay(Path file) {
        this.file = file;
        this.name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        liveHashedPointers = new LongIntMap();
        liveOtherPointers = new HashMap<>();
        gfpMasks = new HashMap<>();
        counts = new long[ReplayCount.values().length];
        firstProblems = new ArrayList<>();
    }

    /** An independent copy of a replay between two parts, for a checkpoint; the copy binds no model. */
    TraceReplay(TraceReplay o) {
        file = o.file;
        name = o.name;
        liveHashedPointers = new LongIntMap(o.liveHashedPointers);
        liveOtherPointers = new HashMap<>(o.liveOtherPointers);
        gfpMasks = new HashMap<>(o.gfpMasks);
        counts = o.counts.clone();
        firstProblems = new ArrayList<>(o.firstProblems);
        lineNo = o.lineNo;
        nextByte = o.nextByte;
        atEnd = o.atEnd;
        lastEvent = o.lastEvent;
        pcpTrace = o.pcpTrace;
        batchedAhead = o.batchedAhead;
    }

    Path file() { return file; }

    /** The line the next part starts at. */
    long nextLine() { return lineNo + 1; }

    /** The text of the last kmem event line read, or null: what the player's status quotes. */
    String lastEvent() { return lastEvent; }

    /** {@code file:line}: where the replay stands, as the log names a line. */
    String where(long line) { return name + ":" + line; }

    /** An estimate of what a copy holds: the live pointers, for the checkpoints' memory bound. */
    long heapBytes() { return 32L * liveHashedPointers.size() + 96L * liveOtherPointers.size() + 64L * gfpMasks.size() + 1024; }

    /** Reads and applies the whole file; throws CancellationException between two lines when asked to stop. */
    ReplaySummary run(CallContext ctx, Progress progress) throws IOException { return runTo(ctx, Long.MAX_VALUE, progress); }

    /**
     * Reads and applies the lines from {@link #nextLine()} to {@code lastLine} (fewer at the end of the file), starting
     * where the part before stopped reading. Returns the summary of the replay so far.
     */
    ReplaySummary runTo(CallContext ctx, long lastLine, Progress progress) throws IOException {
        this.ctx = ctx;
        this.mem = ctx.memory();
        this.slabCalls = new SlabCalls(ctx);
        this.pcp = new TracedPcp(mem);
        long total = Math.max(1, Files.size(file));
        if (nextByte > total) throw new IOException("it is shorter than when its replay began (" + nextByte + " bytes read, " + total + " now)");
        if (pcpTrace == null) pcpTrace = PcpTrace.of(file);
        try (ParsedLines lines = new ParsedLines(Files.newInputStream(file), nextByte, lineNo, lastLine, parser)) {
            for (ParsedLines.Batch b = lines.take(); ; b = lines.take()) {
                for (int i = 0; i < b.size; i++) {
                    lineNo++;
                    apply(b.lines[i], b.texts[i]);
                    nextByte = b.ends[i];
                    if ((lineNo & (PROGRESS_LINES - 1)) == 0) {
                        if (progress.cancelled()) throw new CancellationException("replay " + name + " cancelled at line " + lineNo);
                        progress.progress(Math.min(nextByte, total), total);
                    }
                }
                if (b.failure != null) throw b.failure;
                if (b.error != null) {
                    // Opened but not read to its end (a device error, a file cut while read): what was applied stays.
                    firstProblems.add(name + ":" + (lineNo + 1) + ": the file could not be read further: " + b.error.getMessage());
                    atEnd = true;
                    return new ReplaySummary(name, lineNo, counts, firstProblems, false);
                }
                if (b.endOfFile) atEnd = true;
                if (b.last()) break;
            }
        }
        progress.progress(total, total);
        return new ReplaySummary(name, lineNo, counts, firstProblems, true);
    }

    /** Whether the file's end has been read: the replay is over. */
    boolean atEnd() { return atEnd; }

    // Java 17 has no pattern-matching switch; the parser's types are sealed, so these chains are complete.
    private void apply(TraceLine line, String text) {
        if (line instanceof TraceLine.Event e) {
            lastEvent = text;
            apply(e.event(), e.cpu());
        } else if (line instanceof TraceLine.Malformed m) {
            problem(ReplayCount.MALFORMED, m.describe(name));
        } else {
            count(switch (((TraceLine.Skipped) line).reason()) {
                case BLANK -> ReplayCount.BLANK;
                case HEADER -> ReplayCount.HEADER;
                case OTHER_EVENT -> ReplayCount.OTHER_EVENT;
            });
        }
    }

    private void apply(KmemEvent event, int cpu) {
        if (event instanceof PageAlloc a) pageAlloc(a, cpu);
        else if (event instanceof PageFree f) pageFree(f, cpu);
        else if (event instanceof SlabAlloc a) slabAlloc(a);
        else if (event instanceof SlabFree f) slabFree(f);
        else if (event instanceof PageAllocZoneLocked z) zoneLocked(z, cpu);
        else if (event instanceof PagePcpuDrain d) pcpuDrain(d);
        else extfrag((PageAllocExtfrag) event);
    }

    /**
     * The CPU whose list a page event of {@code order} acts on, or {@link #NO_LIST}: for an order the traced kernel
     * kept on no list (it went to the buddy lists there too), or, counted with its reason, when the replay cannot
     * follow the list.
     */
    private int listCpu(int pfn, int order, int cpu) {
        if (pcpTrace == PcpTrace.ORDER_0 ? order != 0 : !pcp.allowedOrder(order)) return NO_LIST;
        ReplayCount why = !pcp.hasLists(pfn) ? ReplayCount.PCP_OFF
                : pcpTrace == PcpTrace.UNTRACED ? ReplayCount.PCP_UNTRACED
                : cpu < 0 ? ReplayCount.PCP_NO_CPU
                : cpu >= pcp.nrCpus() ? ReplayCount.PCP_CPU_ABSENT : null;
        if (why == null) return cpu;
        count(why);
        return NO_LIST;
    }

    private void pageAlloc(PageAlloc a, int cpu) {
        if (a.pfn() < 0) { count(ReplayCount.FAILED_ALLOC); return; }
        if (outside(a.pfn(), a.order(), "mm_page_alloc")) return;
        int pfn = (int) a.pfn();
        int gfp = gfp(a.gfpFlags(), a.migratetype());
        int list = listCpu(pfn, a.order(), cpu);
        if (list != NO_LIST) {
            // mm_page_alloc names no call site
            if (pcp.alloc(list, pfn, a.order(), a.migratetype(), gfp, PAGE_CALL, "") != null) {
                count(ReplayCount.PAGE_ALLOC_PCP);
                return;
            }
            count(ReplayCount.PCP_NOT_ON_LIST);
        }
        Allocation got = mem.allocBlockAt(pfn, a.order(), a.migratetype(), gfp, PAGE_CALL, "");
        if (got != null) count(ReplayCount.PAGE_ALLOC);
        else problem(ReplayCount.PFN_BUSY, where() + "mm_page_alloc: pfn=0x" + Integer.toHexString(pfn) + " order=" + a.order()
                + " is not a free block in the model (" + stateOf(pfn) + ")");
    }

    /** What a frame is, for a problem's text. */
    private String stateOf(int pfn) {
        return mem.frames().onPcpList(pfn) ? "on a per-CPU list" : mem.frames().owner(pfn).name().toLowerCase();
    }

    /**
     * mm_page_free and its older names, and mm_page_free_batched: the block a replayed mm_page_alloc took goes to the
     * traced CPU's list or to the buddy lists. Of the two events 5.x and later print for one batched free (the
     * mm_page_free of free_pages_prepare(), then the mm_page_free_batched before free_unref_page_commit()), the first
     * frees and the second finds the page free; 3.x and 4.x print them the other way round (free_hot_cold_page_list()).
     */
    private void pageFree(PageFree f, int cpu) {
        String event = f.event();
        if (outside(f.pfn(), f.order(), event)) return;
        int pfn = (int) f.pfn();
        boolean batched = event.equals(BATCHED);
        Allocation a = mem.allocations().get(mem.frames().allocId(pfn));
        if (a == null || !a.isBlock() || a.pfn() != pfn || !PAGE_CALL.equals(a.call())) {
            boolean secondOfPair = batched ? mem.frames().owner(pfn) == Owner.FREE : pfn == batchedAhead;
            if (secondOfPair) {
                batchedAhead = FrameTable.NO_PFN;
                count(ReplayCount.FREE_PAIRED);
            } else {
                problem(ReplayCount.UNSEEN_PFN_FREE, where() + event + ": pfn=0x" + Integer.toHexString(pfn) + " was not allocated by the trace");
            }
            return;
        }
        // mm_page_free_batched prints order=0 whatever the folio's order: the allocation knows it.
        if (!batched && a.order() != f.order()) {
            problem(ReplayCount.ORDER_MISMATCH, where() + event + ": pfn=0x" + Integer.toHexString(pfn) + " order=" + f.order()
                    + " but its mm_page_alloc had order=" + a.order());
            return;
        }
        batchedAhead = batched ? pfn : FrameTable.NO_PFN;
        int list = listCpu(pfn, a.order(), cpu);
        if (list != NO_LIST && pcp.free(a, list)) {
            count(ReplayCount.PAGE_FREE_PCP);
        } else {
            mem.freeBlockAt(a);
            count(ReplayCount.PAGE_FREE);
        }
    }

    /**
     * mm_page_alloc_zone_locked: with percpu_refill=1, a block rmqueue_bulk() takes for the traced CPU's list; else
     * one rmqueue_buddy() hands out at once, which the mm_page_alloc after it takes.
     */
    private void zoneLocked(PageAllocZoneLocked z, int cpu) {
        if (!z.percpuRefill()) { count(ReplayCount.ZONE_LOCKED_ALLOC); return; }
        if (outside(z.pfn(), z.order(), "mm_page_alloc_zone_locked")) return;
        int pfn = (int) z.pfn();
        int list = listCpu(pfn, z.order(), cpu);
        if (list == NO_LIST) count(ReplayCount.PCP_MOVE);
        else if (pcp.refill(list, pfn, z.order(), z.migratetype())) count(ReplayCount.PCP_REFILL);
        else problem(ReplayCount.PFN_BUSY, where() + "mm_page_alloc_zone_locked: pfn=0x" + Integer.toHexString(pfn) + " order=" + z.order()
                + " is not a free block in the model (" + stateOf(pfn) + ")");
    }

    /** mm_page_pcpu_drain: the page leaves whichever list holds it (the line's CPU may be draining another's). */
    private void pcpuDrain(PagePcpuDrain d) {
        if (outside(d.pfn(), d.order(), "mm_page_pcpu_drain")) return;
        int pfn = (int) d.pfn();
        ReplayCount why = !pcp.hasLists(pfn) ? ReplayCount.PCP_OFF
                : pcp.drain(pfn, d.order()) < 0 ? ReplayCount.PCP_NOT_ON_LIST : null;
        if (why == null) {
            count(ReplayCount.PCP_DRAIN);
        } else {
            count(why);
            count(ReplayCount.PCP_MOVE);
        }
    }

    private void extfrag(PageAllocExtfrag x) {
        if (outside(x.pfn(), 0, "mm_page_alloc_extfrag")) return;
        boolean claimed = x.changeOwnership() && mem.claimPageblockAt((int) x.pfn(), x.allocMigratetype());
        count(claimed ? ReplayCount.PAGEBLOCK_CLAIMED : ReplayCount.EXTFRAG_NOTED);
    }

    /** A block beyond the machine's frames or in a hole between zones: counted, never applied. */
    private boolean outside(long pfn, int order, String event) {
        long end = pfn + (1L << Math.min(order, 30));
        if (end <= mem.frames().nrFrames() && mem.zoneOf((int) pfn) != null) return false;
        problem(ReplayCount.PFN_OUTSIDE, where() + event + ": pfn=0x" + Long.toHexString(pfn) + " is outside this machine's "
                + mem.frames().nrFrames() + " frames" + (end <= mem.frames().nrFrames() ? " (in no zone)" : ""));
        return true;
    }

    private void slabAlloc(SlabAlloc a) {
        if (a.ptr().equals("NULL")) { count(ReplayCount.FAILED_ALLOC); return; }
        int old = takePointer(a.ptr());
        if (old != LongIntMap.MISSING) {
            problem(ReplayCount.PTR_REUSED, where() + a.event() + ": ptr=" + a.ptr() + " is already live; its free was not traced");
            free(old, a.event());
        }
        long bytes = Math.max(1, a.bytesAlloc());
        if (KmallocPlan.of(bytes).kind() != KmallocPlan.Kind.SLAB_OBJECT) {
            putPointer(a.ptr(), NOT_A_SLAB_OBJECT);
            count(ReplayCount.LARGE_KMALLOC);
            return;
        }
        int gfp = gfp(a.gfpFlags(), MigrateType.UNMOVABLE.ordinal());
        var cache = ctx.slab().kmallocCache(bytes, (gfp & Gfp.DMA) != 0);
        Api api = a.fromCache() ? Api.KMEM_CACHE_ALLOC : Api.KMALLOC;
        Allocation got = slabCalls.newObject(cache, api, gfp, null, a.callSite(), a.event(), Math.max(1, a.bytesReq()));
        if (got == null) {
            problem(ReplayCount.SLAB_ALLOC_FAILED, where() + a.event() + ": " + cache.name() + " could not grow");
            return;
        }
        putPointer(a.ptr(), got.id());
        count(ReplayCount.SLAB_ALLOC);
    }

    private void slabFree(SlabFree f) {
        if (f.ptr().equals("NULL")) { count(ReplayCount.NULL_FREE); return; }
        int id = takePointer(f.ptr());
        if (id == LongIntMap.MISSING) {
            problem(ReplayCount.UNSEEN_PTR_FREE, where() + f.event() + ": ptr=" + f.ptr() + " was never allocated in the trace");
        } else if (id == NOT_A_SLAB_OBJECT) {
            count(ReplayCount.LARGE_KMALLOC);
        } else {
            free(id, f.event());
            count(ReplayCount.SLAB_FREE);
        }
    }

    /** The allocation id of a live traced pointer, which stops being live; or {@link LongIntMap#MISSING}. */
    private int takePointer(String ptr) {
        if (isHashedPointer(ptr)) return liveHashedPointers.remove(hashedValue);
        Integer id = liveOtherPointers.remove(ptr);
        return id == null ? LongIntMap.MISSING : id;
    }

    /** {@code id} is an allocation id (> 0) or {@link #NOT_A_SLAB_OBJECT}, never {@link LongIntMap#MISSING}. */
    private void putPointer(String ptr, int id) {
        if (isHashedPointer(ptr)) liveHashedPointers.put(hashedValue, id);
        else liveOtherPointers.put(ptr, id);
    }

    /**
     * Exactly %p's 16 lowercase hex digits: only then is the value one-to-one with the text. Their value is left in
     * {@link #hashedValue}, read in the same pass, since a replay asks once per slab event.
     */
    private boolean isHashedPointer(String ptr) {
        if (ptr.length() != 16) return false;
        long v = 0;
        for (int i = 0; i < 16; i++) {
            char c = ptr.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) return false;
            v = v << 4 | d;
        }
        hashedValue = v;
        return true;
    }

    private void free(int id, String call) {
        if (id == NOT_A_SLAB_OBJECT) return;
        Allocation a = mem.allocations().get(id);
        if (a != null) slabCalls.freeLive(a, call);
    }

    /**
     * The mask of a gfp_flags text (names, a number, or the fields option's number), read once per distinct text;
     * a text the parser cannot read stands for the mask the traced migrate type implies.
     */
    private int gfp(String text, int migratetype) {
        Integer mask = gfpMasks.get(text);
        if (mask == null) {
            try {
                mask = GfpParser.parse(text).mask();
            } catch (IllegalArgumentException e) {            // GfpParseException among them
                mask = -1;
            }
            if (gfpMasks.size() < MAX_CACHED_GFP) gfpMasks.put(text, mask);
        }
        if (mask >= 0) return mask;
        return migratetype == MigrateType.MOVABLE.ordinal() ? Gfp.HIGHUSER_MOVABLE
                : migratetype == MigrateType.RECLAIMABLE.ordinal() ? Gfp.KERNEL | Gfp.RECLAIMABLE : Gfp.KERNEL;
    }

    private String where() { return name + ":" + lineNo + ": "; }

    private void count(ReplayCount c) { counts[c.ordinal()]++; }

    private void problem(ReplayCount c, String quoted) {
        count(c);
        if (firstProblems.size() < ReplaySummary.QUOTED_PROBLEMS) firstProblems.add(quoted);
    }
}
