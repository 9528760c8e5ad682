package kmemviz.core.mm;

/**
 * enum migratetype of include/linux/mmzone.h as Debian's x86_64 6.12 kernel builds it: CONFIG_CMA is not set, so
 * there is no MIGRATE_CMA, and CONFIG_MEMORY_ISOLATION=y adds Isolate. The ordinal is the kernel's value, and the
 * first three ({@link #PCPTYPES}) are the types with per-CPU lists and fallbacks.
 */
public enum MigrateType {
    UNMOVABLE("Unmovable", 'U'),
    MOVABLE("Movable", 'M'),
    RECLAIMABLE("Reclaimable", 'E'),
    HIGHATOMIC("HighAtomic", 'H'),
    ISOLATE("Isolate", 'I');

    /** MIGRATE_PCPTYPES: the types below it have per-CPU lists and fall back to each other. */
    public static final int PCPTYPES = 3;
    /** MIGRATE_TYPES. */
    public static final int COUNT = 5;

    private static final MigrateType[] VALUES = values();
    private final String kernelName;
    private final char letter;

    MigrateType(String kernelName, char letter) {
        this.kernelName = kernelName;
        this.letter = letter;
    }

    /** migratetype_names[] of mm/page_alloc.c, as /proc/pagetypeinfo prints them. */
    public String kernelName() { return kernelName; }

    /** The letter show_migration_types() prints in Mem-Info's per-order line. */
    public char letter() { return letter; }

    public static MigrateType of(int value) { return VALUES[value]; }
}
