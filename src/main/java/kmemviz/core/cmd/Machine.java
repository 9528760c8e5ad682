package kmemviz.core.cmd;

import java.util.List;
import kmemviz.core.mm.BootedOnce;
import kmemviz.core.mm.ImportedZone;
import kmemviz.core.mm.Profile;
import kmemviz.core.slab.ImportedCache;
import kmemviz.core.vm.VmapArea;

/**
 * {@code machine NAME}, {@code machine custom ...} or {@code machine from-proc DIR|live}: boots a fresh machine. An
 * imported machine carries what its capture said ({@code imported}, one entry per zone) and the importer's notes,
 * read once when the line was parsed, so that undo and redo boot it again without reading the files again: the
 * zones, and the slab caches and vmalloc areas whose pages come out of the zones' in-use memory at boot; and the
 * machine the importer booted to check the capture ({@code booted}, null if none), which the first boot takes.
 */
public record Machine(Profile profile, String text, List<ImportedZone> imported, List<String> notes,
                      List<ImportedCache> slabCaches, List<VmapArea> vmapAreas, BootedOnce booted) implements Command {
    public Machine {
        imported = List.copyOf(imported);
        notes = List.copyOf(notes);
        slabCaches = List.copyOf(slabCaches);
        vmapAreas = List.copyOf(vmapAreas);
    }

    public Machine(Profile profile, String text, List<ImportedZone> imported, List<String> notes,
                   List<ImportedCache> slabCaches, List<VmapArea> vmapAreas) {
        this(profile, text, imported, notes, slabCaches, vmapAreas, null);
    }

    public Machine(Profile profile, String text, List<ImportedZone> imported, List<String> notes) {
        this(profile, text, imported, notes, List.of(), List.of(), null);
    }

    public Machine(Profile profile, String text) { this(profile, text, List.of(), List.of()); }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
