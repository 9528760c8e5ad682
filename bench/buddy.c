/*
 * A plain C buddy allocator running `kmemviz bench core`'s workload, the yardstick for the Java model's speed.
 *
 * Workload (the same as BenchCoreCommand): 65,536 slots and java.util.SplittableRandom(42); each operation picks
 * a random slot; an empty slot gets alloc_pages(GFP_KERNEL, order) for a random order 0..3, a full one is freed.
 * Rounds of OPS operations continue on the same state and random stream: WARMUP_ROUNDS untimed, then ROUNDS
 * timed, and the median round is printed. Time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), as the Java
 * bench counts it, so that waiting for a core on a shared machine counts for neither.
 *
 * Placement rules (the same as core/mm/BuddyAllocator, so the same pfns come out):
 *  - GFP_KERNEL on x86_64-16g asks ZONE_NORMAL, which holds pfns [0x100000, 0x440000); its last 65,536 frames
 *    are the memmap reservation, so boot frees [0x100000, 0x430000) as order-10 blocks, ascending, each to the
 *    tail (__free_pages_memory(), FPI_TO_TAIL).
 *  - __zone_watermark_ok() at the LOW mark: the zone's free pages less (2^order - 1) must stay above it, and an
 *    order > 0 needs a non-empty list of order >= it.
 *  - __rmqueue_smallest(): the head of the lowest non-empty list of order >= the request; expand() puts each
 *    upper half at the head of the next lower list; the caller keeps the lowest pfn.
 *  - __free_one_page(): merge while the buddy is a free block of the same order inside the zone; then the tail
 *    if buddy_merge_likely() (the parent's buddy is free one order up), else the head.
 *
 * What it leaves out, and the model has: an owner per block (the frame map's colours), kept beside the order in the
 * head frame's byte and written with it; an allocation id per frame, written only for blocks
 * that name an allocation (none here: the bare page allocator's blocks name none, and a free skips the id stores in
 * 1,024-frame chunks that hold no id); the zone lookup by pfn on free, the zone's high-mark test before the low one,
 * the PGALLOC/PGFREE counters, the watermark-crossing reports, the checkpoint chunk marks and the listener calls.
 * A free block is known as the kernel knows it, by PageBuddy and the order at its head frame (one signed byte: the
 * order, or -1). Built with -DMODEL_FRAME_STATE it also writes an owner byte for every page it hands out or takes
 * back, as the model did before it kept the owner at the block's head, to show what that per-frame state costs in C.
 *
 * It prints `alloc_free_ops_per_s VALUE ops/s` and `pfn_sum VALUE` (the sum of the pfns every allocation
 * returned, warm-up included), which equals the Java bench's for the same --ops and rounds.
 *
 * Build and run: cc -O2 -o /tmp/buddy bench/buddy.c && /tmp/buddy [OPS]   (bench/compare.sh does both)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PAGE_ORDER 10
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)
#define NO_PFN (-1)
#define SLOTS 65536
#define WARMUP_ROUNDS 2
#define ROUNDS 5

#define ZONE_START 0x100000
#define ZONE_END 0x440000
#define MEMMAP_PAGES 0x10000
/* Normal's "low" in `kmemviz run --print zoneinfo` on x86_64-16g; its lowmem_reserve for its own index is 0. */
#define WMARK_LOW 17140

static int8_t *buddy_order;        /* order at a free block's head, -1 elsewhere */
static int32_t *next_pfn, *prev_pfn;
static int32_t head[NR_PAGE_ORDERS], tail[NR_PAGE_ORDERS];
static int64_t nr_free[NR_PAGE_ORDERS];
static int64_t free_pages;
#ifdef MODEL_FRAME_STATE
static int8_t *owner;               /* Owner.FREE is 0, Owner.PAGES 7 */
static void fill(int pfn, int order, int8_t who)
{
    memset(owner + pfn, who, (size_t)1 << order);
}
#else
static void fill(int pfn, int order, int8_t who) { (void)pfn; (void)order; (void)who; }
#endif

/* java.util.SplittableRandom, for bounds that are powers of two (mix32 of the next seed, masked). */
static uint64_t seed = 42;
static int next_int(int bound)
{
    uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ULL;
    int32_t r = (int32_t)(((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ULL) >> 32);
    return r & (bound - 1);
}

static int is_buddy(int pfn, int order)
{
    return pfn >= ZONE_START && pfn < ZONE_END && buddy_order[pfn] == order;
}

static void add_to_free_list(int pfn, int order, int at_tail)
{
    if (head[order] == NO_PFN) {
        next_pfn[pfn] = prev_pfn[pfn] = NO_PFN;
        head[order] = tail[order] = pfn;
    } else if (at_tail) {
        int t = tail[order];
        next_pfn[t] = pfn;
        prev_pfn[pfn] = t;
        next_pfn[pfn] = NO_PFN;
        tail[order] = pfn;
    } else {
        int h = head[order];
        prev_pfn[h] = pfn;
        next_pfn[pfn] = h;
        prev_pfn[pfn] = NO_PFN;
        head[order] = pfn;
    }
    buddy_order[pfn] = (int8_t)order;
    nr_free[order]++;
}

static void del_from_free_list(int pfn, int order)
{
    int n = next_pfn[pfn], p = prev_pfn[pfn];
    if (p == NO_PFN) head[order] = n; else next_pfn[p] = n;
    if (n == NO_PFN) tail[order] = p; else prev_pfn[n] = p;
    buddy_order[pfn] = -1;
    nr_free[order]--;
}

static int watermark_ok(int order)
{
    if (free_pages - ((1L << order) - 1) <= WMARK_LOW) return 0;
    if (order == 0) return 1;
    for (int o = order; o < NR_PAGE_ORDERS; o++) if (nr_free[o] > 0) return 1;
    return 0;
}

static int alloc_pages(int order)
{
    if (!watermark_ok(order)) return NO_PFN;
    for (int current = order; current < NR_PAGE_ORDERS; current++) {
        int pfn = head[current];
        if (pfn == NO_PFN) continue;
        del_from_free_list(pfn, current);
        for (int size = 1 << current; current > order; ) {      /* expand() */
            current--;
            size >>= 1;
            add_to_free_list(pfn + size, current, 0);
        }
        fill(pfn, order, 7);
        free_pages -= 1L << order;
        return pfn;
    }
    return NO_PFN;
}

static void free_one_page(int pfn, int order, int to_tail)
{
    int buddy = pfn;
    fill(pfn, order, 0);
    free_pages += 1L << order;
    while (order < MAX_PAGE_ORDER) {
        buddy = pfn ^ (1 << order);
        if (!is_buddy(buddy, order)) break;
        del_from_free_list(buddy, order);
        pfn &= buddy;
        order++;
    }
    if (!to_tail && order < MAX_PAGE_ORDER - 1) {                /* buddy_merge_likely() */
        int higher = buddy & pfn;
        to_tail = is_buddy(higher ^ (1 << (order + 1)), order + 1);
    }
    add_to_free_list(pfn, order, to_tail);
}

static int slot_pfn[SLOTS], slot_order[SLOTS];

static int64_t workload(long ops)
{
    int64_t sum = 0;
    for (long i = 0; i < ops; i++) {
        int slot = next_int(SLOTS);
        if (slot_pfn[slot] == NO_PFN) {
            slot_order[slot] = next_int(4);
            slot_pfn[slot] = alloc_pages(slot_order[slot]);
            sum += slot_pfn[slot];
        } else {
            free_one_page(slot_pfn[slot], slot_order[slot], 0);
            slot_pfn[slot] = NO_PFN;
        }
    }
    return sum;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long ops = argc > 1 ? atol(argv[1]) : 5000000;
    buddy_order = malloc(ZONE_END);
    next_pfn = malloc(ZONE_END * sizeof(int32_t));
    prev_pfn = malloc(ZONE_END * sizeof(int32_t));
    memset(buddy_order, -1, ZONE_END);
#ifdef MODEL_FRAME_STATE
    owner = calloc(ZONE_END, 1);
#endif
    for (int o = 0; o < NR_PAGE_ORDERS; o++) head[o] = tail[o] = NO_PFN;
    for (int pfn = ZONE_START; pfn < ZONE_END - MEMMAP_PAGES; pfn += 1 << MAX_PAGE_ORDER)
        free_one_page(pfn, MAX_PAGE_ORDER, 1);
    for (int s = 0; s < SLOTS; s++) slot_pfn[s] = NO_PFN;

    int64_t pfn_sum = 0;
    double rate[ROUNDS];
    for (int r = 0; r < WARMUP_ROUNDS; r++) pfn_sum += workload(ops);
    for (int r = 0; r < ROUNDS; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        pfn_sum += workload(ops);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        rate[r] = ops / ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    qsort(rate, ROUNDS, sizeof rate[0], by_value);
    printf("alloc_free_ops_per_s %.0f ops/s\n", rate[ROUNDS / 2]);
    printf("pfn_sum %lld\n", (long long)pfn_sum);
    return 0;
}
