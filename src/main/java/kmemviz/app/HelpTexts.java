package kmemviz.app;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;

/** The Help menu: what each part of the window shows, where the model simplifies the kernel, the keys, and About. */
final class HelpTexts {
    private HelpTexts() {}

    static final String PARTS = """
            Physical memory (centre): every page frame is a cell, in pfn order, wrapped in rows. Zones are the
            tinted bands (labelled with their pfn range). Colours: one per owner (see the legend), or one per
            allocation (View > Colour by allocation). Free buddy blocks are outlined, with their order (o3) when
            zoomed in, so a split shows one block becoming two and a merge the reverse. Zoomed out, one pixel
            covers several frames and shows their colours mixed in proportion. Wheel: zoom; drag: scroll;
            hover: details; click: select (the inspector shows it). Slab pages take a shade of the slab colour
            per cache; a light diagonal marks zeroed memory (kzalloc'd objects' pages, __GFP_ZERO blocks).
            With migrate types on, a strip left of the rows shows each pageblock (512 frames on x86_64, 1,024 on
            i386) in the colour of its migrate type, level with its frames; a hatched pageblock is mixed (it holds
            allocated pages of another type), an outlined one changed type in the last command. View > Colour by
            migrate type colours the frames by their pageblock's type instead of their owner.

            Per-CPU lists (centre tab): for the zone a command last used, each CPU's pagesets line (count, high,
            batch, as /proc/zoneinfo prints it) and its lists (migrate type × order) as stacks of free blocks with
            their number. A refill from the buddy lists (rmqueue_bulk) drops blocks onto a stack, a drain
            (free_pcppages_bulk) lifts them off, so the first order-0 allocation is seen to take a whole batch.

            Slab caches (centre tab): per cache a header (object size, objects and pages per slab, objects in
            use) and its slabs as rows of object slots: coloured = in use (a dot: zeroed), pale = free; the bar
            left of a slab says full (red), partial (orange) or empty (grey). Click an object to select it
            everywhere; a BUG report flashes the object or slab it concerns.

            Mappings (centre tab): the kernel's virtual address space (the direct map, the vmalloc area, pkmap
            on i386) above physical memory, with a line from each mapped page to its frame: a kmalloc block maps
            straight down, a vmalloc area fans out to scattered frames. Click an address for its page walk,
            level by level (PGD, P4D, PUD, PMD, PTE), with the entry's bits decoded.

            TLB (centre tab): the L1 and second-level TLBs as sets × ways, each entry coloured by the allocation
            it maps; hit, miss and walk counters and the estimated cycles. Sequential, Random and Stride touch
            the selected allocation; Compare touches a 4 MiB kmalloc and a 4 MiB vmalloc buffer (on a machine
            that holds them) and shows 1 or 2 page walks against 1,024.

            Fragmentation (centre tab): for one zone, the unusable free space index and the external
            fragmentation index per order as debugfs's extfrag files print them (the 500 threshold of
            compaction_suitable() marked), the zone as a strip of free and used frames where a compaction run
            shows its two scanners closing in and the pages it moved, and /proc/vmstat's allocator counters.
            Compact zone runs `compact zone Z`.

            Buddy free areas (right): per zone, nr_free of each order as bars and figures (the /proc/buddyinfo
            line), free pages against the min/low/high watermarks, and spanned/present/managed pages. On the
            classroom machine, Turn on 6.12 in its title boots it again with per-CPU lists and migrate types
            (machine classroom pcp=on migratetypes=on), and Back to textbook turns them off; undo goes back.

            Inspector (right): the selected frame, its block and zone, and the allocation that holds it with its
            C call, its GFP mask decoded bit by bit, and its story: what the page allocator decided for it, step by
            step (Help > Reading an allocation's story); after a failed request, why it failed.

            Event log (bottom): each command in C form, its allocator events, and the kernel's messages
            (allocation failures, warnings, BUG and OOM reports) in the kernel's wording. Filter and copy above it.

            Toolbar: choose the call, the order (or a size, rounded up to an order), the GFP flags (a preset
            and single bits; the mask shows as %pGg and hex) and the context, then Allocate. Free frees the
            selected allocation with its matching call. Step / Play / Pause and the speed slider control how the
            events of a command are played (the right end of the slider is instant).

            Lesson player (under the views, when a lesson or script is open: Lesson > Open lesson…, Ctrl+L): the
            script pane lists the script with the current line highlighted, a check mark beside each expect that
            held and a cross beside one that failed; click a line to go there. The timeline under it jumps to any
            step. A note shows as a caption under the map, next to what it names; a quiz asks before its step
            runs and then says whether the prediction held, and the score counts the answers. Try it yourself
            lets you use the toolbar freely and Back to the lesson returns to the step you left; Record appends
            what you do to the script at the current line (Lesson > Save script keeps it); Blank (B) hides the
            stage. While a lesson is open in presentation mode or in a window lower than 800 px, the event log
            makes way for the map; it keeps its lines and comes back in a taller window.

            Status bar (bottom): on the left, the last command's result or what a running task has done, with its
            progress and Cancel (Esc); on the right, the pfn under the mouse, how many frames a cell of the map
            covers, and the machine (its profile, frames and the calling context).""";

    static final String SIMPLIFICATIONS = """
            The model follows Linux 6.12 (mm/page_alloc.c, mm/slub.c, mm/vmalloc.c, arch/x86/mm) and
            simplifies it here:

            Page allocator
            • One NUMA node; no cpusets, mempolicies or memory cgroups.
            • Pageblocks, migrate types and per-CPU lists: see Help > The page allocator as 6.12.118 runs it.
            • Compaction: see Help > The page allocator as 6.12.118 runs it. kcompactd runs right after kswapd.
            • kswapd runs right after the command that woke it, not concurrently.
            • Reclaim drops page-cache pages only; there is no swap, so anonymous memory comes back only
              through the OOM killer, which picks the process with the most pages (all oom_score_adj 0).
            • Where the kernel would retry forever (GFP_NOFS at OOM, __GFP_NOFAIL), the model stops and says so.
            • warn_alloc() is not rate-limited: every failure prints its report.

            Reports
            • BUG reports assume CONFIG_DEBUG_VM and CONFIG_DEBUG_ATOMIC_SLEEP; SLUB's as with slab_debug=F;
              touching freed memory is reported as KASAN would. A refused call changes nothing.
            • Messages come from CPU 0 and "insmod" (pid 1234) in process context, or from the user process
              whose page fault asked; call traces are left out. Source lines are the 6.12.118 Debian tree's.
            • Addresses print as real values (root with kptr_restrict=1), not hashed; %pS offsets of callers
              are placeholders (the model has no machine code).
            • The taint mask is the kernel's: after a SLUB BUG, a WARNING, a Bad page state or a sleeping-function
              BUG every later CPU line says Tainted: with print_tainted()'s letters. WARN_ON_ONCE sites fire once
              per boot. __might_resched() reports at most once a second; the model has no clock and counts each
              command as a second after the one before, so it prints at most one such BUG per command.
            • Mem-Info (allocation failures and OOM reports) prints what the model keeps: free pages, watermarks,
              present and managed pages, lowmem_reserve, free lists, anonymous and page-cache pages (as inactive),
              slab, kernel stacks, page tables, RAM totals, reserved_highatomic, and free_pcp/local_pcp (the
              per-CPU pages; local_pcp is the CPU the commands run on) and each zone's watermark boost. The rest
              prints 0, as on an idle machine without swap: active lists, isolated, unevictable, dirty, writeback,
              mapped, shmem, THP, bounce, hugepages and the swap cache. Each order of the free lists shows the
              letters of the migrate types that have a block there (U M E H I, show_migration_types()). No
              "Unreclaimable slab info".
            • run --print unusable and --print extfrag print debugfs's extfrag/unusable_index and
              extfrag/extfrag_index as mm/vmstat.c computes them, from the free counts /proc/buddyinfo shows.
              An extfrag value of -1.000 means a block of that order or larger is free: that allocation
              would succeed.
            • run --print vmstat prints the /proc/vmstat lines whose counters the model keeps, with mm/vmstat.c's
              names and in its order: nr_free_pages, pgalloc_<zone> for each configured zone, pgfree (boot's
              frees included), pgmigrate_success and the compact_* counters (compact_daemon_wake is kcompactd's).
              The other lines are left out because the model does not count them: LRU, NUMA and node counters,
              dirty and swap I/O, allocstall, pgskip, pgfault, reclaim's pgscan/pgsteal, kswapd_* and pageoutrun,
              oom_kill, pgmigrate_fail (a migration never fails here), THP, hugetlb and nr_unstable.

            Events (the log and the animation)
            • Order-0 pages taken or freed one after another (a user process, page cache, vmalloc) show as one
              event for the run (first pfn and count), so a 512 MiB process is a few events, not 131,072.
            • Within one command, a block that is split off and taken again before the command ends is not
              shown on its own: the log and the animation show where the pages ended up.

            Slab (SLUB)
            • No per-CPU slabs or partial lists: an object comes from the newest partial slab, lowest free slot.
            • No cache merging. The dma-kmalloc caches are made on first use (the kernel makes them at boot);
              the kmalloc-cg and kmalloc-rcl families are not separate (their requests use kmalloc-N).

            Virtual memory
            • vmalloc takes the lowest free range (6.12's per-CPU vmap pools are left out) and vfree flushes
              its own range at once (the kernel defers it to a lazy purge that usually flushes everything).
            • vmalloc pages come one at a time from the buddy allocator: on a fresh machine they are
              neighbours; they scatter once memory is fragmented. kvmalloc's fallback maps 4 KiB pages (the
              kernel may use 2 MiB ones).
            • The boot direct map's page tables live in the kernel image reservation (its BRK area); a custom
              machine without one gets tables outside its RAM map.
            • x86_64 makes the vmalloc area's 64 PUD pages at boot (preallocate_vmalloc_pages(), from the buddy
              allocator); here they lie outside the RAM map ("page table (vmalloc area, made at boot)" in a walk)
              so boot's free lists stay ideal. A vmalloc adds only PMD and PTE pages. i386 makes none.
            • Each area's vm_struct (kmalloc-96 on x86_64), vmap_area (its own cache, created at the first
              vmalloc, not at boot) and pages[] of up to a page (kmalloc) are slab objects; vfree frees them at
              once, where the kernel keeps the vmap_area on a lazy purge list first. The vmap_area objects that
              describe free vmalloc space are not shown.
            • The TLB is Skylake-like (L1 4 KiB 64×4, 2M/4M 32×4, 1 GiB 4×4, STLB 1536×12); no 1 GiB STLB, no
              PCID, no page-walk caches; cycles (1 / 9 / 30) are estimates, not measurements.

            Machines
            • The classroom machine is scaled down (4 MiB, 1024 frames) so that every frame is visible;
              the x86_64 and i386 profiles have the real layout (millions of frames).
            • i386-1g has no transparent huge pages, and lowmem ends at max_low_pfn, 880 MiB less 8 KiB.
            • On the x86_64 and i386 profiles the first page is not RAM (trim_bios_range()), so ZONE_DMA starts
              at pfn 1, and 640 KiB to 1 MiB is a hole.

            Imported machines (File > Import machine…, New machine > This machine, machine from-proc)
            • /proc gives counts, not places: the free blocks are placed where the buddy allocator could have left
              them (each type's in its own pageblocks, no free buddies side by side), not where the host had them.
              Each type's pageblocks are chosen for its free blocks: blocks of order 10 get aligned pairs of whole
              pageblocks, then each type, the most free pages first, Movable last, takes the roomiest pageblocks
              (or, short of one, the least roomy that holds the rest: the one with DMA's BIOS hole); in them its
              blocks go from the highest order down, lowest pfn first. Per-CPU pages come from each zone's top.
            • Node 0 only. A zone's holes (spanned - present) are at the end of its span, or after its reserved
              pages when smaller than a 128 MiB section; its reserved pages (present - managed) at its start.
            • Memory neither free nor on a per-CPU list is "in use (imported)": the files do not say by whom,
              except slabinfo's slabs and vmallocinfo's pages, which are taken out of it (which objects are in
              use and which frames are ours). Hashed or zeroed vmalloc addresses: areas placed in file order.
              Per-CPU pages are order-0 Movable pages.
            • CMA and the old Reserve type count as Movable; a populated Device zone is imported empty. Files
              read at different moments disagree; the importer says where and keeps going.

            Explained kernel logs (File > Explain kernel log…, Ctrl+Shift+X; explain-log FILE; machine from-log FILE)
            • The zones of one node are rebuilt from the report's Mem-Info: free pages ("free:"), min/low/high (they
              include any boost), lowmem_reserve[] and the free blocks per order; the rest of each zone is "in use
              (imported)". Zones lie one after another (the report gives sizes, not places); a zone with no
              "free:... min:..." line is left empty.
            • The per-order line names the migrate types of an order, not their counts: one block to each type
              named, the rest Movable. Per-CPU lists and CMA are not rebuilt. The imported memory is not
              reclaimable, so direct reclaim finds nothing where the kernel may have dropped page cache.
            • The request runs with 6.12's bits (from the printed names when the log's kernel numbered them
              otherwise). What was used and what was skipped is in the event log, each with its line.

            Trace replay (replay FILE, File > Replay trace…)
            • Page events land at their traced pfn only where this machine has a free block there: pair the trace
              with a machine at least as large (a pfn beyond it is counted, not applied).
            • Per-CPU lists are replayed as 6.12 moves them, on the list of the line's [CPU] for the traced type and
              order: mm_page_alloc_zone_locked percpu_refill=1 (a refill) puts its page at the list's tail,
              mm_page_alloc takes a page that is on the list off it, mm_page_free of order 0-3 (or the THP order)
              puts the page at the head, mm_page_pcpu_drain gives it to the buddy lists (from whichever CPU's list
              holds it), and mm_page_free_batched is the second event of its page's mm_page_free. This needs pcp=on, a [CPU]
              column and the drains in the trace; a trace older than 5.14 (decimal pfns) keeps order 0 only on the
              lists. Without them the events go straight to the buddy lists, and the summary counts why ("per-CPU
              lists left out, because"), as it counts pages the kernel's lists held before the trace began.
              The model's own allocations (a replayed kmalloc growing a slab) still refill the lists of the CPU the
              commands run on: a traced mm_page_alloc of one of those pages counts as "not free in the model".
              A fallback's pageblock claim (mm_page_alloc_extfrag change_ownership=1) is applied.
            • Slab objects go to the kmalloc cache of their bytes_alloc, kmem_cache_alloc's too (the alloc events of
              most kernels name no cache), in the model's own slabs, whose pages are not the traced ones.
            • Pointers match within one replay: a free whose allocation came before the trace began is counted.
            • In a script, replay FILE is one step: its events are not logged or animated, and undo takes it back
              whole. File > Replay trace… opens the trace in the lesson player in steps of 1, 2 or 5 × 10^k lines
              (at most 500 steps): Play at 1-50 steps a second, step, jump on the timeline; the status names the
              trace line each step reached. A step of fewer than 64 lines is logged and animated event by event;
              a longer one redraws once. Cancel replay puts the model back as it was before the replay.""";


    static final String GETTING_STARTED = """
            1. Press Allocate (Ctrl+Enter). alloc_pages(GFP_KERNEL, 0) asks the buddy allocator for one page: watch
            the map. A larger free block is taken off its list and split in halves until one page is left; each
            upper half goes onto the free list of its order (the buddy panel on the right counts them).

            2. Press Free (Delete). The page goes back and merges with its buddy, again and again, while the buddy
            is free: the halves become the block they came from. Where a buddy is in use, merging stops.

            3. Slow the animation down (the slider, or Ctrl+[) or pause it (F6) and step (F10): each split and
            merge then waits for you, with a call-out that says what happens.

            4. Try order 3, a size such as 24KiB, GFP_ATOMIC, or kmalloc(100) and the Slab caches tab. Click
            anything in the map to inspect it; Edit > Undo takes any command back exactly.

            5. Lesson > Open lesson… (Ctrl+L) opens the built-in course: sixteen lessons from a kernel stack's size
            to compaction, played step by step with narration and quizzes (Right for the next step, Left to go
            back).

            6. File > Open script plays a prepared demonstration (assets/scripts/tour.kmv is a tour); Help >
            Script language lists every command. View > Presentation mode (Ctrl+Shift+P) is for a projector.""";

    /** Keys and what they do, shown as a table. */
    static final String[][] KEYS = {
            {"Ctrl+Enter", "Allocate"}, {"Delete", "Free the selected allocation"},
            {"Ctrl+Z", "Undo"}, {"Ctrl+Shift+Z, Ctrl+Y", "Redo"},
            {"F10", "Step: play the next event of the command"}, {"F5 / F6", "Play / Pause the animation"},
            {"Ctrl+] / Ctrl+[", "Faster / slower animation"},
            {"Ctrl+= / Ctrl+-", "Zoom in / out"}, {"Ctrl+0", "Fit the machine"},
            {"Ctrl+G", "Zoom to the selected allocation"},
            {"Ctrl+Shift+C", "Colour by allocation"}, {"Ctrl+Shift+M", "Colour by migrate type"}, {"Ctrl+Shift+L", "Legend"},
            {"Ctrl+Shift+D", "Dark theme"}, {"Ctrl+Shift+P", "Presentation mode"},
            {"Ctrl+N", "New machine (a profile, or a custom machine of your sizes)"}, {"Ctrl+O", "Open script"}, {"Ctrl+S", "Save session"},
            {"Ctrl+I", "Import a machine from /proc files"}, {"Ctrl+Shift+R", "Replay an ftrace kmem trace"},
            {"Ctrl+Shift+K", "Compact the zone the Fragmentation tab shows"}, {"Ctrl+Shift+X", "Explain a kernel log's allocation failure or OOM report"},
            {"Ctrl+E", "Export a view as PNG, SVG or GIF"}, {"Ctrl+Shift+E", "Copy the view that is showing as a picture"},
            {"Ctrl+Q", "Quit (asks first when commands are not saved; so does the window's close button)"},
            {"Ctrl+L", "Open a lesson"},
            {"Lesson: Right, PgDn", "Next step"}, {"Lesson: Left, PgUp", "Previous step (undo)"},
            {"Lesson: Space", "Play / pause the lesson"}, {"Lesson: Home", "Restart the lesson"},
            {"Lesson: B", "Blank the stage (again to show it)"},
            {"Esc", "Cancel the running task (a script, a boot, Compare): the model goes back to before it"},
            {"F1", "What each part shows"},
            {"Map: wheel, + / -", "Zoom"}, {"Map: drag, Shift+wheel", "Scroll"},
            {"Map: arrows, PgUp, PgDn, Home, End", "Scroll"}};

    /** The script statements that direct a lesson; none changes the model, so undo and redo pass over them. */
    static final String LESSON_STATEMENTS = """
            A lesson is a script in assets/lessons/NN-ID.kmv whose first lines are two comments:
                # title: The buddy allocator step by step
                # summary: Splits on allocation, merges on free, and the busy buddy that stops a merge.
            'kmemviz lessons' lists the built-in lessons; 'kmemviz run ID' runs one headless.

            note "text"            A caption over the stage; `code` spans and *emphasis* are allowed.
            note p "text"          The caption stands next to the allocation that variable p holds.
            pause                  The player waits here for the presenter (a headless run goes on).
            select p               Every view selects p's allocation.
            zoom p                 Every view zooms to p's allocation, with a margin.
            zoom zone Normal       ... to a zone the machine has (DMA, DMA32, Normal, HighMem).
            zoom pfn 0x100-0x1ff   ... to a pfn range, both ends included.
            zoom all               ... back to the whole machine.
            quiz "Will this order-3 allocation succeed?" yes|no
            quiz "Which zone will it come from?" DMA|DMA32|Normal
            quiz "Which cache will kmalloc(100) use?" kmalloc-96|kmalloc-128|kmalloc-192
                                   2 to 5 distinct choices, all yes|no, all zones or all cache names. The
                                   answer is never written: it is what the next line that changes the state
                                   does (yes: not NULL and no failure reported; the zone or the slab cache
                                   of its allocation). A zone or cache quiz needs an allocation after it.
            expect report "BUG: sleeping function called from invalid context"
                                   A kernel report of the last command that changes the state (refused
                                   calls included) contains this text; notes and expects are passed over.
            expect no report       ... that command reported nothing.

            After a machine line, the parser knows the machine's zones and the variables assigned since, so
            a misspelt variable, a zone the machine lacks or a pfn beyond its last frame is an error at its
            line and column before anything runs.""";

    static final String PAGE_ALLOC_612 = """
            The page allocator follows Debian's linux-source-6.12, release 6.12.118 (mm/page_alloc.c, mm/vmstat.c,
            include/linux/mmzone.h), with Debian's amd64 configuration. Every machine except classroom starts with
            per-CPU lists and migrate types on; `machine ... pcp=off migratetypes=off` (and classroom) is the
            textbook buddy allocator with one free list per order. Script: `machine ... cpus=N pcp=on|off
            migratetypes=on|off`, `cpu K` (the following commands run on CPU K; CPU 0 after boot), `drain`
            (drain_all_pages), `compact` and `compact zone Normal`. With these assumptions every alloc_pages() returns the pfn 6.12.118 would, as
            long as no watermark, reclaim or compaction decides (a test checks this against an independent
            implementation of the kernel's rules):

            • Five migrate types, as the Debian x86_64 kernel is built: Unmovable, Movable, Reclaimable,
              HighAtomic, Isolate (CONFIG_CMA is not set, CONFIG_MEMORY_ISOLATION is). pageblock_order is 9
              (10 on i386 without PAE), so grouping by mobility is off below 2,560 pages (5,120 on i386):
              build_all_zonelists() compares the zones' present pages with pageblock_nr_pages × 5.
            • Boot marks every pageblock Movable, then frees each zone's memory in ascending, naturally aligned
              blocks to the tail, bypassing the per-CPU lists; blocks above pageblock_order are freed a
              pageblock at a time and merged.
            • gfp_migratetype(): __GFP_MOVABLE gives Movable, __GFP_RECLAIMABLE Reclaimable, else Unmovable.
              __rmqueue() takes the request's own lists first, then __rmqueue_claim() (the largest block of a
              fallback type; a pageblock is claimed if at least half of it is free or alike, pages of user
              processes and the page cache counting as movable, as on the LRU), then __rmqueue_steal(). Pages
              from alloc_pages() are not on the LRU. Free pages are always on their pageblock's list;
              __free_one_page() merges across pageblocks of the three ordinary types.
            • ALLOC_NOFRAGMENT as 6.12 sets it: on x86_64 (CONFIG_ZONE_DMA32) when the preferred zone is Normal;
              a first pass that finds nothing is retried without it. One node, all CPUs online, no hotplug.
              Free counters are exact: the kernel folds each CPU's vmstat deltas into NR_FREE_PAGES only
              past a threshold (zoneinfo's "vm stats threshold"), so its figure may lag by that much per CPU.
            • Per-CPU lists for orders 0-3 and the THP order (9; CONFIG_TRANSPARENT_HUGEPAGE=y), per migrate
              type: batch = zone_batchsize(), high_min = low watermark ÷ CPUs, high_max = managed ÷ 8 ÷ CPUs,
              each at least 4 × batch; pcp->high starts at 0 and is clamped on first use; refills take
              nr_pcp_alloc() blocks (rmqueue_bulk), frees go to the list head and past nr_pcp_high() drain
              nr_pcp_free() pages from the list tails (free_pcppages_bulk); PCPF_FREE_HIGH_BATCH is set on
              every list; CONFIG_PCP_BATCH_SCALE_MAX is 5. The per-CPU trylock always succeeds. The Per-CPU
              lists tab shows one zone's lists per CPU as stacks (a block per free block, the figure exact), each
              CPU's count, high and batch as zoneinfo's pagesets block prints them, and what the last command
              moved (rmqueue_bulk, rmqueue_pcplist, free_unref_page, free_pcppages_bulk); pcp->high is redrawn
              when the command's animation ends, since the events do not carry it.
            • Nothing runs by time: no vmstat worker, no decay_pcp_high(), no periodic drain; kswapd only when
              the allocator wakes it. drain_all_pages() runs on `drain` and when direct reclaim made progress
              but the retry still failed. ZONE_BELOW_HIGH as 6.12.118 keeps it: get_page_from_freelist()
              tests each zone's high mark first and marks a zone below it; then a refill no longer raises
              pcp->high, and a free lowers it and drains down to high_min, until a drain leaves the zone above
              its high mark. ZONE_RECLAIM_ACTIVE is not modelled (kswapd runs between commands, never during a
              free).
            • The watermark boost as 6.12.118 keeps it. When a fallback takes a block below a pageblock through
              try_to_steal_block(), claimed or not, boost_watermark() raises the zone's watermark_boost by a
              pageblock, up to 150% of its high mark (watermark_boost_factor 15000, the default; the model has
              no sysctl to change it) but at least a pageblock, except in a zone of fewer than four pageblocks.
              Every mark the allocator, kswapd and compaction test is wmark_pages(), the mark plus the boost (an
              order-0 __GFP_HIGH request at the min mark may ignore it), and so are zoneinfo's min, low and high;
              zoneinfo's boost and Mem-Info's boost: print it. With ALLOC_KSWAPD (__GFP_KSWAPD_RECLAIM) the zone
              gets ZONE_BOOSTED_WATERMARK, and the end of that same rmqueue() clears it and wakes kswapd, even
              on a balanced node. kswapd's balance_pgdat() notes the boosts, reclaims page cache for their sum
              if the node is balanced (else as usual, up to the boosted high marks), then takes the noted boost
              off each zone and wakes kcompactd for pageblock_order. Nothing resets the boost by a timer: a
              boost made without ALLOC_KSWAPD stays until something wakes kswapd.
            • HighAtomic reserves as 6.12.118 keeps them. A request that may not sleep, with __GFP_HIGH, of order
              above 0 (a high-order GFP_ATOMIC) gets ALLOC_HIGHATOMIC in the slow path; it tries the HighAtomic
              lists first, and when it gets a block, reserve_highatomic_pageblock() makes that block's pageblock
              HighAtomic, its free pages moving with it, while the zone's reserve is below ALIGN(managed ÷ 100,
              512) pages (none at all in a zone of less than 51,200 managed pages). Free pages of a HighAtomic
              pageblock stay on the HighAtomic lists (through the per-CPU Movable lists first) and merge only
              with their own type; zone_watermark_ok() does not count them for a request without reserve
              flags. A request that may not sleep, or an OOM victim, takes from them when all else fails.
              unreserve_highatomic_pageblock() gives a pageblock back to the request's type after direct
              reclaim that made progress but still failed (only while the zone holds more than one pageblock),
              and, forced, when should_reclaim_retry() would otherwise go to the OOM killer; a release is a
              retry. --print pagetypeinfo shows the HighAtomic blocks and lists; with migratetypes=off there
              are none.
            • No shuffling, no free page reporting, no page isolation (nothing becomes Isolate).
            • Compaction as mm/compaction.c runs it: `compact` writes /proc/sys/vm/compact_memory (every zone,
              whole, ignoring the skip bits), `compact zone Normal` does the same for one zone. The slow path
              compacts costly orders (and non-movable orders above 0) async before it reclaims, then after each
              reclaim at DEF_COMPACT_PRIORITY, harder on should_compact_retry(); compaction_suitable() (free
              pages above the low or min mark + 2 << order, fragmentation index above 500) and
              compaction_deferred() decide whether a zone is tried. The migration scanner climbs from the zone's
              start, the free scanner comes down from its last pageblock; only pages on an LRU move (user
              memory and page cache, whose owners follow them), never pages from alloc_pages(), slab, vmalloc
              or page tables. A pageblock where a scan found nothing gets its skip bit until kswapd goes to
              sleep. kcompactd is woken when kswapd goes to sleep (or by a request that cannot reclaim on a
              balanced node) and runs at once, right after kswapd. Simplified: no fast_find_migrateblock() or
              fast_isolate_freepages(), the free scanner looks at every pfn (no stride), no capture of the freed
              page (the allocation takes it from the free lists after), no proactive compaction, no LRU
              isolation batches beyond COMPACT_CLUSTER_MAX (32) pages; every isolated page migrates (nothing is
              pinned, dirty or under writeback), so async and sync runs differ only in which pageblocks they
              scan, which cached scanner position they use, and that an async direct run gives up an
              order-aligned block at its first unmovable page.
            • buddyinfo and pagetypeinfo exclude per-CPU pages (they are neither free there nor allocated);
              pagetypeinfo's block counts step one pageblock from each zone's start.""";

    static final String STORY = """
            Every page allocation tells how it was served, step by step, with the functions of mm/page_alloc.c
            (6.12.118) in the order they decide. Select an allocation: the inspector shows its story under "How
            the page allocator served it"; after a request that returned NULL, "Why the last allocation failed"
            comes first. "Show large" puts a story over the views, for a room. Headless: `kmemviz run SCRIPT
            --explain VAR` prints the story of the allocation VAR holds (for a slab object, its slab's pages), and
            `--explain last-failure` the last one that failed; `--explain=VAR` at launch shows it in the window.

            How to read it:
            1. __alloc_pages(): the GFP mask and order, gfp_zone() (the highest zone the mask allows), the zonelist
               walked from it down, gfp_migratetype(), and the fast path's ALLOC_* flags (ALLOC_WMARK_LOW, with
               ALLOC_NOFRAGMENT on x86_64 when the preferred zone is Normal).
            2. get_page_from_freelist() with its flags starts a pass over the zonelist. Under it, indented, one
               line per zone: zone_watermark_ok() true or false with the numbers it compared, "free F - (2^order -
               1) ≤ mark + lowmem_reserve R". The mark is the one the flags name (min, low or high), lowered when
               ALLOC_MIN_RESERVE (__GFP_HIGH), ALLOC_NON_BLOCK or ALLOC_OOM allow the reserves; lowmem_reserve is
               what this zone keeps back from requests that could have used a higher zone. A high order also needs
               a free block of that order or more.
            3. In the zone that passed: rmqueue_pcplist() for orders 0-3, either a hit (the head of this CPU's list
               for the type and order, with pcp->count before and after) or a refill (rmqueue_bulk() moved the
               batch nr_pcp_alloc() asked for from the buddy lists); else __rmqueue_smallest() (the lowest order
               with a block of the request's type, split by expand()), __rmqueue_claim() (the largest block of a
               fallback type; try_to_steal_block() claims its pageblock) or __rmqueue_steal() (the smallest
               fallback block; its pageblock keeps its type). A fallback below a pageblock tells boost_watermark()
               (the zone's watermark_boost before and after) and, at the end of rmqueue(), the kswapd it wakes.
            4. If every zone refused: with ALLOC_NOFRAGMENT a second pass without it, then
               __alloc_pages_slowpath(): gfp_to_alloc_flags() (ALLOC_WMARK_MIN and the reserves), kswapd woken (or
               not: already woken, or a zone above its high mark), the pass again, direct reclaim (pages
               reclaimed), drain_all_pages() once, __GFP_NORETRY and costly orders (above 3, without
               __GFP_RETRY_MAYFAIL) giving up, should_reclaim_retry(), the last pass at the high mark and the OOM
               killer or why it was not called.
            5. The last line is the block the request got, or "nopage". A failure ends with "Failed because:" and
               the exact conditions: each zone of the last pass at the caller's own mark, then why the slow path
               gave up, e.g. "Normal: free 195 - 15 = 180 ≤ min 192 + lowmem_reserve 0 with
               ALLOC_WMARK_MIN|ALLOC_KSWAPD; DMA: …; no reclaimable pages; order 4 is costly: no OOM killer".

            The numbers are the ones the allocator saw at that moment; a failed request changes nothing, so its
            numbers are those /proc/zoneinfo shows after it (pages free, min, protection). Where the story is
            shorter than the kernel: get_page_from_freelist() first tests the high mark to set ZONE_BELOW_HIGH
            for the per-CPU lists (mm/page_alloc.c:3499), which does not change where a page comes from and is not
            told; zone_watermark_fast()'s order-0 shortcut gives the same verdict as __zone_watermark_ok() here
            (no CMA pages) and is told as one check, with the free HighAtomic pages it does not count told
            just before it; inside rmqueue_bulk() the blocks taken are
            summed up, except fallbacks, which are told one by one. No cpusets, node reclaim or NUMA. Stories are
            recorded only once a window, `--explain` or a test asks (the benchmarks record none), and the last
            1,024 allocations keep theirs; an allocation made of single pages (a process, a file, vmalloc) keeps
            the story of its last page. Direct compaction is told as __alloc_pages_direct_compact() with its
            COMPACT_* result and the pages it migrated: before reclaim for costly orders, after each reclaim.""";

    static Menu menu(Node owner) {
        Menu help = new Menu("Help");
        MenuItem start = item("Getting started", () -> show(owner, "Getting started", text(unwrap(GETTING_STARTED))));
        MenuItem parts = item("What each part shows", () -> show(owner, "What each part shows", text(unwrap(PARTS))));
        parts.setAccelerator(KeyCombination.keyCombination("F1"));
        MenuItem language = item("Script language", () -> show(owner, "Script language", code(scriptLanguage())));
        MenuItem lessons = item("Lesson statements", () -> show(owner, "Lesson statements", code(LESSON_STATEMENTS)));
        MenuItem simpl = item("Where the model simplifies the kernel",
                () -> show(owner, "Where the model simplifies the kernel", text(unwrap(SIMPLIFICATIONS))));
        MenuItem pageAlloc = item("The page allocator as 6.12.118 runs it",
                () -> show(owner, "The page allocator as 6.12.118 runs it", text(unwrap(PAGE_ALLOC_612))));
        MenuItem story = item("Reading an allocation's story",
                () -> show(owner, "Reading an allocation's story", text(unwrap(STORY))));
        MenuItem keys = item("Keyboard shortcuts", () -> show(owner, "Keyboard shortcuts", keyTable()));
        MenuItem about = item("About Kmemviz", () -> show(owner, "About Kmemviz", text(About.text())));
        about.setId("help-about");
        help.getItems().addAll(start, parts, language, lessons, simpl, pageAlloc, story, keys, new SeparatorMenuItem(), about);
        return help;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setOnAction(e -> action.run());
        return i;
    }

    /**
     * The texts are written as paragraphs broken at about 110 columns; shown wrapped, those breaks would cut lines
     * in the middle. A line joins the one before unless it starts a paragraph, a bullet or a numbered step.
     */
    static String unwrap(String text) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            boolean starts = t.isEmpty() || previous.isEmpty() || t.startsWith("•") || t.matches("\\d+\\. .*")
                    || (!previous.startsWith("•") && previous.length() < 40 && !previous.endsWith(","));
            if (out.length() > 0) out.append(starts ? "\n" : " ");
            out.append(t);
            previous = t;
        }
        return out.toString();
    }

    static String scriptLanguage() {
        try (var in = HelpTexts.class.getResourceAsStream("script-language.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            return "The script language reference is missing from this build (kmemviz/app/script-language.txt).";
        }
    }

    private static Node text(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("help-text");
        area.setPrefSize(760, 440);
        return area;
    }

    private static Node code(String text) {
        TextArea area = (TextArea) text(text);
        area.setWrapText(false);
        area.getStyleClass().add("kernel-text");
        return area;
    }

    static javafx.scene.layout.GridPane keyTable() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.getStyleClass().add("key-table");
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setPadding(new javafx.geometry.Insets(4, 8, 4, 4));
        // The keys keep their width; the descriptions take the rest and wrap, so the table never needs a side scroll.
        javafx.scene.layout.ColumnConstraints keyColumn = new javafx.scene.layout.ColumnConstraints();
        keyColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints whatColumn = new javafx.scene.layout.ColumnConstraints();
        whatColumn.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        whatColumn.setMinWidth(120);
        grid.getColumnConstraints().addAll(keyColumn, whatColumn);
        javafx.scene.control.Label keysTitle = new javafx.scene.control.Label("Keys"), whatTitle = new javafx.scene.control.Label("What they do");
        keysTitle.getStyleClass().add("key-table-title");
        whatTitle.getStyleClass().add("key-table-title");
        grid.addRow(0, keysTitle, whatTitle);
        for (int i = 0; i < KEYS.length; i++) {
            javafx.scene.control.Label keys = new javafx.scene.control.Label(KEYS[i][0]);
            keys.getStyleClass().add("key-cell");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.control.Label what = new javafx.scene.control.Label(KEYS[i][1]);
            what.setWrapText(true);
            grid.addRow(i + 1, keys, what);
        }
        return grid;
    }

    private static void show(Node owner, String title, Node content) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner.getScene() != null) a.initOwner(owner.getScene().getWindow());
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setContent(content instanceof TextArea ? content : scrolled(content));
        // A dialog takes its content's width unless held at it: prose at 800 px, code (lines of about 115 columns) wider,
        // each within the screen.
        double width = Math.min(content.getStyleClass().contains("kernel-text") ? 980 : 800,
                javafx.stage.Screen.getPrimary().getVisualBounds().getWidth() - 24);
        a.getDialogPane().setPrefWidth(width);
        a.getDialogPane().setMinWidth(width);
        a.setResizable(true);
        a.show();
    }

    /** A table in a pane as large as the text pages: it scrolls down, never sideways, and the dialog fits a 700 px screen. */
    private static Node scrolled(Node content) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        pane.setPrefViewportWidth(760);
        pane.setPrefViewportHeight(440);
        return pane;
    }
}
