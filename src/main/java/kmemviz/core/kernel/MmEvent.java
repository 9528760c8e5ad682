package kmemviz.core.kernel;

import kmemviz.core.mm.CompactResult;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.MigrateType;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Watermark;
import kmemviz.core.mm.ZoneType;

/**
 * One recorded event of a command, in the order it happened, for the log and the animation. Fields that a kind
 * does not use are 0 or null. A run of order-0 pages (ALLOCATED, FREED, MAPPED, UNMAPPED), or of blocks of one
 * order onto or off a per-CPU list (PCP_*), is one event: its first pfn and {@code nrPages}; see {@link EventRecorder}.
 *
 * @param nrPages frames the event covers from {@code pfn}: {@code 1 << order} for a block, the length of a run
 *               of order-0 pages (ALLOCATED, FREED with order 0; MAPPED, UNMAPPED of 4 KiB pages), the frames of a
 *               run of blocks (PCP_*); 0 for kinds
 *               that concern no frame range
 * @param gfp    the allocation's GFP mask (ALLOCATED); the per-CPU list's pindex, order_to_pindex() of its migrate
 *               type and order (PCP_*: see {@link #pindex()}); the boost left (WATERMARK_BOOST_REMOVED)
 * @param cache  the slab cache (OBJECT_ALLOCATED, OBJECT_FREED)
 * @param count  pages reclaimed (DIRECT_RECLAIM, KSWAPD_RECLAIM); pages of boost taken off (WATERMARK_BOOST_REMOVED); the object's physical address (OBJECT_*);
 *               the virtual address (MAPPED, UNMAPPED, KMAP, KUNMAP, TLB_FLUSH: the range start; order is then the
 *               page shift, or for TLB_FLUSH 1 when the flush was full); 1 when a watermark was crossed downwards, 0 upwards (WATERMARK);
 *               1 for a tail insertion (QUEUED); the CPU whose list it is (PCP_*, where a run of blocks of one order
 *               is one event, as for pages); the free scanner's pfn (COMPACT_BEGIN, COMPACT_SCANNERS, whose pfn is
 *               the migration scanner's); the first old pfn (COMPACT_MIGRATED, whose pfn is the first new one, for a
 *               run of nrPages pages of one owner and allocId, old and new pfns each consecutive); the pages moved
 *               (COMPACT_END); the new migrate type's value (PAGEBLOCK_TYPE_CHANGED, whose gfp holds the old one's
 *               and whose pfn and order are the pageblock's)
 * @param compactResult how the compact_zone() run ended (COMPACT_END), else null; order is the run's (-1 for
 *               compact_memory) in COMPACT_BEGIN and COMPACT_END
 */
public record MmEvent(EventKind kind, ZoneType zone, int pfn, int order, int nrPages, int gfp, Owner owner, int allocId,
                      long count, Watermark mark, KernelReport report, String cache, CompactResult compactResult) {

    /** The per-CPU list (pcp->lists[pindex]) a PCP_* event's blocks went onto or came off. */
    public int pindex() { return gfp; }

    /** A one-line description for the event log. */
    public String describe() {
        String z = zone == null ? "" : zone.kernelName();
        return switch (kind) {
            case ALLOCATED -> nrPages > 1 << order ? String.format("allocated %,d order-0 pages at pfns 0x%x-0x%x in %s", nrPages, pfn, pfn + nrPages - 1, z)
                    : String.format("allocated order-%d block at pfn 0x%x in %s", order, pfn, z);
            case TAKEN -> String.format("took the order-%d block at pfn 0x%x off the head of the %s list", order, pfn, z);
            case FREED -> nrPages > 1 << order ? String.format("freed %,d order-0 pages at pfns 0x%x-0x%x in %s", nrPages, pfn, pfn + nrPages - 1, z)
                    : String.format("freed order-%d block at pfn 0x%x in %s", order, pfn, z);
            case SPLIT -> String.format("split: upper half at pfn 0x%x goes to the order-%d list", pfn, order);
            case MERGED -> String.format("merged buddies into an order-%d block at pfn 0x%x", order, pfn);
            case QUEUED -> String.format("order-%d block at pfn 0x%x queued at the %s of the %s list", order, pfn,
                    count == 1 ? "tail" : "head", z);
            case WATERMARK -> String.format("%s free pages went %s the %s watermark", z, count == 1 ? "below" : "back above",
                    mark.name().toLowerCase());
            case KSWAPD_WOKEN -> String.format("kswapd0 woken (order %d, highest zone %s)", order, z);
            case DIRECT_RECLAIM -> String.format("direct reclaim: the caller dropped %d page-cache pages from %s", count, z);
            case KSWAPD_RECLAIM -> String.format("kswapd0 reclaimed %d page-cache pages from %s", count, z);
            case OBJECT_ALLOCATED -> String.format("%s: object at phys 0x%x handed out", cache, count);
            case OBJECT_FREED -> String.format("%s: object at phys 0x%x freed", cache, count);
            case MAPPED -> nrPages > 1 ? String.format("mapped %,d pages 0x%x.. -> pfns 0x%x-0x%x (4 KiB pages)", nrPages, count, pfn, pfn + nrPages - 1)
                    : String.format("mapped 0x%x -> pfn 0x%x (%s page)", count, pfn, order == 12 ? "4 KiB" : order == 21 ? "2 MiB" : order == 22 ? "4 MiB" : "1 GiB");
            case UNMAPPED -> nrPages > 1 ? String.format("unmapped %,d pages 0x%x.. (were pfns 0x%x-0x%x)", nrPages, count, pfn, pfn + nrPages - 1)
                    : String.format("unmapped 0x%x (was pfn 0x%x)", count, pfn);
            case KMAP -> String.format("kmap: HighMem pfn 0x%x mapped at 0x%x", pfn, count);
            case KUNMAP -> String.format("kunmap: pfn 0x%x released its pkmap slot at 0x%x", pfn, count);
            case TLB_FLUSH -> order == 1 ? "TLB flushed completely (flush_tlb_all)" : String.format("TLB entries flushed from 0x%x", count);
            case REPORT -> report.headline();
            case PCP_REFILLED -> String.format("rmqueue_bulk: %s to CPU %d's per-CPU list (%s, order %d)", pfns(), count, z, order);
            case PCP_FREED -> String.format("free_unref_page: %s to CPU %d's per-CPU list (%s, order %d)", pfns(), count, z, order);
            case PCP_TAKEN -> String.format("rmqueue_pcplist: %s off CPU %d's per-CPU list (%s, order %d)", pfns(), count, z, order);
            case PCP_DRAINED -> String.format("free_pcppages_bulk: %s from CPU %d's per-CPU list (%s, order %d) back to the buddy lists",
                    pfns(), count, z, order);
            case COMPACT_BEGIN -> String.format("compact_zone(%s, %s): migration scanner at pfn 0x%x, free scanner at pfn 0x%x",
                    z, order < 0 ? "compact_memory" : "order " + order, pfn, count);
            case COMPACT_SCANNERS -> String.format("compaction in %s: migration scanner at pfn 0x%x, free scanner at pfn 0x%x", z, pfn, count);
            case COMPACT_FREE_ISOLATED -> String.format("free scanner isolated the order-%d block at pfn 0x%x in %s", order, pfn, z);
            case COMPACT_MIGRATED -> nrPages > 1 ? String.format("migrated %,d %s pages from pfns 0x%x-0x%x to 0x%x-0x%x", nrPages,
                    owner.label(), count, count + nrPages - 1, pfn, pfn + nrPages - 1)
                    : String.format("migrated a %s page from pfn 0x%x to pfn 0x%x", owner.label(), count, pfn);
            case COMPACT_END -> String.format("compact_zone(%s) ended: %s, %d pages moved", z, compactResult.kernelName(), count);
            case WATERMARK_BOOST_REMOVED -> String.format("kswapd0: balance_pgdat() took %,d pages of watermark boost off %s (watermark_boost now %,d)",
                    count, z, gfp);
            case KCOMPACTD_WOKEN -> String.format("kcompactd0 woken (order %d, highest zone %s)", order, z);
            case PAGEBLOCK_TYPE_CHANGED -> String.format("pageblock at pfn 0x%x in %s is now %s (was %s)", pfn, z,
                    pageblockType().kernelName(), MigrateType.of(gfp).kernelName());
        };
    }

    /** The migrate type a pageblock took (PAGEBLOCK_TYPE_CHANGED). */
    public MigrateType pageblockType() { return MigrateType.of((int) count); }

    /** "pfn 0x…" for one block, "N pages at pfns 0x…-0x…" for a run. */
    private String pfns() {
        return nrPages > 1 << order ? String.format("%,d pages at pfns 0x%x-0x%x", nrPages, pfn, pfn + nrPages - 1)
                : String.format("pfn 0x%x", pfn);
    }
}
