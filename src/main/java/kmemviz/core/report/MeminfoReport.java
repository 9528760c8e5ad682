package kmemviz.core.report;

import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.Zone;
import kmemviz.core.mm.ZoneType;

/**
 * /proc/meminfo in 6.12's order and widths (meminfo_proc_show(), then x86's arch_report_meminfo()), for the lines
 * the model can fill: memory totals, page cache, anonymous memory, slab, kernel stacks, page tables, vmalloc and
 * the direct map. Lines the model has nothing for are left out rather than printed as invented zeros.
 */
public final class MeminfoReport {
    private MeminfoReport() {}

    public static String render(Kernel k) {
        long total = 0, free = 0, highTotal = 0, highFree = 0;
        for (Zone z : k.memory().zones()) {
            total += z.managedPages();
            free += z.freePages();
            if (z.type() == ZoneType.HIGHMEM) {
                highTotal += z.managedPages();
                highFree += z.freePages();
            }
        }
        long cached = 0, anon = 0, slabPages = 0, stackBytes = 0, pageTables = 0;
        for (Allocation a : k.memory().allocations().all()) {
            switch (a.api()) {
                case PAGE_CACHE -> cached += a.nrPages();
                case USER_PROCESS -> anon += a.nrPages();
                case SLAB, KMALLOC_LARGE -> slabPages += a.nrPages();
                case TASK_STACK -> stackBytes += a.sizeBytes();
                case PAGE_TABLE -> pageTables += a.nrPages();
                default -> { }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, "MemTotal:", total);
        line(out, "MemFree:", free);
        line(out, "Cached:", cached);
        if (k.profile().bits() == 32) {
            line(out, "HighTotal:", highTotal);
            line(out, "HighFree:", highFree);
            line(out, "LowTotal:", total - highTotal);
            line(out, "LowFree:", free - highFree);
        }
        line(out, "SwapTotal:", 0);
        line(out, "SwapFree:", 0);
        line(out, "AnonPages:", anon);
        line(out, "Slab:", slabPages);
        line(out, "SUnreclaim:", slabPages);
        out.append(String.format("KernelStack:    %8d kB%n", stackBytes >> 10));
        line(out, "PageTables:", pageTables);
        long vmallocTotalKb = (k.vm().layout().vmallocEnd() - k.vm().layout().vmallocStart()) >> 10;
        out.append(String.format("VmallocTotal:   %8d kB%n", vmallocTotalKb));
        line(out, "VmallocUsed:", k.vm().vmalloc().usedPages());
        line(out, "VmallocChunk:", 0);
        for (String l : k.vm().directMap().meminfoLines()) out.append(l).append('\n');
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** show_val_kb(): a 16-character label, the value in kB right-aligned in 8. */
    private static void line(StringBuilder out, String label, long pages) {
        out.append(String.format("%-16s%8d kB%n", label, pages * (Profile.PAGE_SIZE / 1024)));
    }

}
