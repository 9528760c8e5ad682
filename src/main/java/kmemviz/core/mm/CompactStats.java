package kmemviz.core.mm;

/**
 * The compaction counters of /proc/vmstat (the vm_event_item names of mm/vmstat.c:1343 and 1350-1358, 6.12.118), since boot.
 * Mutable, owned by {@link Compaction}; {@link #copy} for a checkpoint.
 */
public final class CompactStats {
    long pgmigrateSuccess, migrateScanned, freeScanned, isolated, stall, fail, success, daemonWake, daemonMigrateScanned, daemonFreeScanned;

    CompactStats() {}

    CompactStats copy() {
        CompactStats c = new CompactStats();
        c.pgmigrateSuccess = pgmigrateSuccess;
        c.migrateScanned = migrateScanned;
        c.freeScanned = freeScanned;
        c.isolated = isolated;
        c.stall = stall;
        c.fail = fail;
        c.success = success;
        c.daemonWake = daemonWake;
        c.daemonMigrateScanned = daemonMigrateScanned;
        c.daemonFreeScanned = daemonFreeScanned;
        return c;
    }

    /** pgmigrate_success: pages migrate_pages() moved (only compaction migrates in the model). */
    public long pgmigrateSuccess() { return pgmigrateSuccess; }

    public long stall() { return stall; }

    public long fail() { return fail; }

    public long success() { return success; }

    public long migrateScanned() { return migrateScanned; }

    public long freeScanned() { return freeScanned; }

    public long isolated() { return isolated; }

    public long daemonWake() { return daemonWake; }

    /** The lines /proc/vmstat prints for these counters, in its order (compact_daemon_* are kcompactd's). */
    public String vmstatLines() {
        return "pgmigrate_success " + pgmigrateSuccess + "\ncompact_migrate_scanned " + migrateScanned + "\ncompact_free_scanned " + freeScanned
                + "\ncompact_isolated " + isolated + "\ncompact_stall " + stall + "\ncompact_fail " + fail
                + "\ncompact_success " + success + "\ncompact_daemon_wake " + daemonWake
                + "\ncompact_daemon_migrate_scanned " + daemonMigrateScanned
                + "\ncompact_daemon_free_scanned " + daemonFreeScanned + "\n";
    }
}
