package kmemviz.app;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;

/** The Help menu: what each part of the window shows, where the model simplifies the kernel, and the keys. */
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

            Slab caches (centre tab): per cache a header (object size, objects and pages per slab, objects in
            use) and its slabs as rows of object slots: coloured = in use (a dot: zeroed), pale = free; the bar
            left of a slab says full (red), partial (orange) or empty (grey). Click an object to select it
            everywhere; a BUG report flashes the object or slab it concerns.

            Buddy free areas (right): per zone, nr_free of each order as bars and figures (the /proc/buddyinfo
            line), free pages against the min/low/high watermarks, and spanned/present/managed pages.

            Inspector (right): the selected frame, its block and zone, and the allocation that holds it with its
            C call and its GFP mask decoded bit by bit.

            Event log (bottom): each command in C form, its allocator events, and the kernel's messages
            (allocation failures, warnings, BUG and OOM reports) in the kernel's wording. Filter and copy above it.

            Toolbar: choose the call, the order (or a size, rounded up to an order), the GFP flags (a preset
            and single bits; the mask shows as %pGg and hex) and the context, then Allocate. Free frees the
            selected allocation with its matching call. Step / Play / Pause and the speed slider control how the
            events of a command are played (the right end of the slider is instant).""";

    static final String SIMPLIFICATIONS = """
            The model follows Linux 6.12 (mm/page_alloc.c, mm/slub.c, mm/vmalloc.c, arch/x86/mm) and
            simplifies it here:

            Page allocator
            • One NUMA node; no cpusets, mempolicies or memory cgroups.
            • Pageblocks, migrate types and per-CPU lists: see Help > The page allocator as 6.12.118 runs it.
            • No compaction: a high-order request that reclaim cannot satisfy fails.
            • kswapd runs right after the command that woke it, not concurrently.
            • Reclaim drops page-cache pages only; there is no swap, so anonymous memory comes back only
              through the OOM killer, which picks the process with the most pages (all oom_score_adj 0).
            • Where the kernel would retry forever (GFP_NOFS at OOM, __GFP_NOFAIL), the model stops and says so.
            • warn_alloc() is not rate-limited: every failure prints its report.

            Reports
            • BUG reports assume CONFIG_DEBUG_VM and CONFIG_DEBUG_ATOMIC_SLEEP; SLUB's as with slab_debug=F;
              touching freed memory is reported as KASAN would. A refused call changes nothing.
            • Messages come from CPU 0 and "insmod" (pid 1234) in process context; call traces are left out.
              Source lines are 6.12.0's where the reference gives them, else the 6.12.117 Debian tree's.
            • Addresses print as real values (root with kptr_restrict=1), not hashed.

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
            • The TLB is Skylake-like (L1 4 KiB 64×4, 2M/4M 32×4, 1 GiB 4×4, STLB 1536×12); no 1 GiB STLB, no
              PCID, no page-walk caches; cycles (1 / 9 / 30) are estimates, not measurements.

            Machines
            • The classroom machine is scaled down (4 MiB, 1024 frames) so that every frame is visible;
              the x86_64 and i386 profiles have the real layout (millions of frames).
            • i386-1g has no transparent huge pages, and lowmem ends at max_low_pfn, 880 MiB less 8 KiB.""";


    static final String PAGE_ALLOC_612 = """
            The page allocator follows Debian's linux-source-6.12, release 6.12.118 (mm/page_alloc.c, mm/vmstat.c,
            include/linux/mmzone.h), with Debian's amd64 configuration. Every machine except classroom starts with
            per-CPU lists and migrate types on; `machine ... pcp=off migratetypes=off` (and classroom) is the
            textbook buddy allocator with one free list per order. Script: `machine ... cpus=N pcp=on|off
            migratetypes=on|off`, `cpu K` (the following commands run on CPU K; CPU 0 after boot), `drain`
            (drain_all_pages). With these assumptions every alloc_pages() returns the pfn 6.12.118 would, as
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
            • Per-CPU lists for orders 0-3 and the THP order (9; CONFIG_TRANSPARENT_HUGEPAGE=y), per migrate
              type: batch = zone_batchsize(), high_min = low watermark ÷ CPUs, high_max = managed ÷ 8 ÷ CPUs,
              each at least 4 × batch; pcp->high starts at 0 and is clamped on first use; refills take
              nr_pcp_alloc() blocks (rmqueue_bulk), frees go to the list head and past nr_pcp_high() drain
              nr_pcp_free() pages from the list tails (free_pcppages_bulk); PCPF_FREE_HIGH_BATCH is set on
              every list; CONFIG_PCP_BATCH_SCALE_MAX is 5. The per-CPU trylock always succeeds.
            • Nothing runs by time: no vmstat worker, no decay_pcp_high(), no periodic drain; kswapd only when
              the allocator wakes it. drain_all_pages() runs on `drain` and when direct reclaim made progress
              but the retry still failed. The zone flags ZONE_BELOW_HIGH and ZONE_RECLAIM_ACTIVE are not
              modelled, so near the watermarks the per-CPU high may differ from the kernel's; the watermark
              boost of a fallback is not modelled either (no timer would reset it).
            • No shuffling, no free page reporting, no page isolation (nothing becomes Isolate), no HighAtomic
              reserves yet (reserve_highatomic_pageblock() and its release are not modelled), no compaction.
            • buddyinfo and pagetypeinfo exclude per-CPU pages (they are neither free there nor allocated);
              pagetypeinfo's block counts step one pageblock from each zone's start.""";

    static final String KEYS = """
            Ctrl+Enter   Allocate            Delete          Free the selected allocation
            Ctrl+Z       Undo                Ctrl+Shift+Z    Redo
            F10          Step (one event)    F5 / F6         Play / Pause
            Ctrl+] / [   Faster / slower animation
            Ctrl+= / -   Zoom in / out       Ctrl+0          Fit the machine
            Ctrl+G       Zoom to the selected allocation
            Ctrl+Shift+C Colour by allocation   Ctrl+Shift+L Legend
            Ctrl+Shift+D Dark theme             Ctrl+Shift+P Presentation mode
            Ctrl+N New machine  Ctrl+O Open script  Ctrl+S Save session  Ctrl+E Export PNG  Ctrl+Q Quit
            Esc          Cancel the running task (a script, a boot, Compare): the model goes back to before it
            On the map: wheel zooms, Shift+wheel and drag scroll, arrows / PgUp / PgDn / Home / End scroll,
            + and - zoom.""";

    static Menu menu(Node owner) {
        Menu help = new Menu("Help");
        MenuItem parts = new MenuItem("What each part shows");
        parts.setAccelerator(KeyCombination.keyCombination("F1"));
        parts.setOnAction(e -> show(owner, "What each part shows", PARTS));
        MenuItem simpl = new MenuItem("Where the model simplifies the kernel");
        simpl.setOnAction(e -> show(owner, "Where the model simplifies the kernel", SIMPLIFICATIONS));
        MenuItem pageAlloc = new MenuItem("The page allocator as 6.12.118 runs it");
        pageAlloc.setOnAction(e -> show(owner, "The page allocator as 6.12.118 runs it", PAGE_ALLOC_612));
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> show(owner, "Keyboard shortcuts", KEYS));
        help.getItems().addAll(parts, simpl, pageAlloc, keys);
        return help;
    }

    private static void show(Node owner, String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner.getScene() != null) a.initOwner(owner.getScene().getWindow());
        a.setTitle(title);
        a.setHeaderText(title);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("help-text");
        area.setPrefSize(760, 420);
        a.getDialogPane().setContent(area);
        a.setResizable(true);
        a.show();
    }
}
