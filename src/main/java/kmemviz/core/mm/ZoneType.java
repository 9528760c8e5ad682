package kmemviz.core.mm;

/**
 * The kernel's {@code enum zone_type} (include/linux/mmzone.h), in zone-index order.
 * A profile configures a subset: x86_64 has DMA, DMA32, Normal, Movable and Device; i386 has DMA, Normal,
 * HighMem and Movable. The ordinal is not the kernel's index: a profile decides the index.
 */
public enum ZoneType {
    DMA("DMA"), DMA32("DMA32"), NORMAL("Normal"), HIGHMEM("HighMem"), MOVABLE("Movable"), DEVICE("Device");

    private final String kernelName;

    ZoneType(String kernelName) { this.kernelName = kernelName; }

    /** The name in zone_names[] (mm/page_alloc.c), as /proc/buddyinfo and /proc/zoneinfo print it. */
    public String kernelName() { return kernelName; }
}
