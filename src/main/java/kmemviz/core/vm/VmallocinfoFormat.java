package kmemviz.core.vm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * /proc/vmallocinfo as vmalloc_info_show() prints a busy vmalloc area (mm/vmalloc.c, 6.12):
 * {@code "0x%pK-0x%pK %7ld"} start, end, size (both with the guard page), {@code " %pS"} caller,
 * {@code " pages=%d"} if any, {@code " vmalloc"} (VM_ALLOC), {@code " vpages"} if pages[] was vmalloc'ed,
 * {@code " N%u=%u"} per node with pages (one node here, and only on the NUMA-enabled 64-bit configuration).
 *
 * <p>Addresses print as %pK does for root with kptr_restrict=1 (real values, 16 or 8 hex digits); with the
 * default kptr_restrict=0 a real kernel hashes them. Lines are sorted by address, as in 6.1; 6.12 prints vmap
 * node by vmap node, so on SMP machines its file is not globally sorted.
 */
public final class VmallocinfoFormat {
    private VmallocinfoFormat() {}

    public static String line(VmapArea area, boolean is64) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("0x").append(AddressLayout.hex(area.start(), is64))
          .append("-0x").append(AddressLayout.hex(area.end(), is64))
          .append(String.format(" %7d", area.sizeBytes()));
        if (area.caller() != null) sb.append(' ').append(area.caller());
        if (area.nrPages() != 0) sb.append(" pages=").append(area.nrPages());
        if (!area.kind().isEmpty()) sb.append(' ').append(area.kind());
        if (area.vpages()) sb.append(" vpages");
        // show_numa_info() prints only with CONFIG_NUMA: Debian's amd64 kernel has it, the i386 profile has not.
        if (is64 && area.nrPages() != 0) sb.append(" N0=").append(area.nrPages());
        return sb.toString();
    }

    /** The whole file, one line per area, by address, each ending in "\n". */
    public static String format(List<VmapArea> areas, boolean is64) {
        List<VmapArea> sorted = new ArrayList<>(areas);
        sorted.sort(Comparator.comparing(VmapArea::start, Long::compareUnsigned));
        StringBuilder sb = new StringBuilder();
        for (VmapArea a : sorted) sb.append(line(a, is64)).append('\n');
        return sb.toString();
    }
}
