package kmemviz.core.vm;

/** One piece produced by split_mem_range(): physical bytes [start, end) to be mapped with {@code pageSize}. */
public record MapRange(long start, long end, PageSize pageSize) {
    public MapRange {
        if (end <= start) throw new IllegalArgumentException("empty map range");
        if (pageSize == null) throw new IllegalArgumentException("page size is required");
    }

    /** The kernel's pr_debug line in split_mem_range(): {@code " [mem %#010lx-%#010lx] page %s"}. */
    public String text() {
        return " [mem " + hash010(start) + "-" + hash010(end - 1) + "] page " + pageSize.label();
    }

    /** The kernel's %#010lx (lib/vsprintf.c number()): "0x" counts toward the width and, unlike C, zero gets it too. */
    static String hash010(long value) {
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, 8 - hex.length())) + hex;
    }
}
