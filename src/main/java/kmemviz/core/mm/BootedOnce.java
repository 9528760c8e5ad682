package kmemviz.core.mm;

import java.util.List;

/**
 * A machine an importer has booted already (to check it against its capture), handed to the first boot that asks,
 * so that the layout of a /proc capture is built once; later boots of the same line (undo, redo, a script run
 * again) build their own from the profile and zones, which give the same machine.
 */
public final class BootedOnce {
    private PhysicalMemory memory;

    public BootedOnce(PhysicalMemory memory) { this.memory = memory; }

    /** The importer's machine the first time, a fresh boot of {@code profile} and {@code imported} after. */
    public synchronized PhysicalMemory take(Profile profile, List<ImportedZone> imported) {
        PhysicalMemory m = memory;
        memory = null;
        return m != null ? m : new PhysicalMemory(profile, imported);
    }
}
