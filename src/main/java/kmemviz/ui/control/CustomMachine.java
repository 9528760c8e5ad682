package kmemviz.ui.control;

import java.util.List;
import kmemviz.core.cmd.Machine;
import kmemviz.core.cmd.ScriptException;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.cmd.Sizes;

/**
 * What the custom-machine form holds, as typed: the size and the zones' sizes with their units ("64 MiB"), the
 * reserved memory and the CPUs; empty optional fields are left out. {@link #line} is the {@code machine custom ...}
 * line it stands for, and {@link #machine} parses that line with the script parser, so the form accepts exactly
 * what a script would, and its errors name the field they are about.
 */
public record CustomMachine(String size, String dma, String dma32, String highmem, String reserved, String cpus) {

    /** A field's label in the form and its key in the {@code machine custom} line (null: the size, which has none). */
    private record Field(String label, String key, String text) {}

    private List<Field> fields() {
        return List.of(new Field("Memory", null, size), new Field("ZONE_DMA", "dma", dma), new Field("ZONE_DMA32", "dma32", dma32),
                new Field("ZONE_HIGHMEM", "highmem", highmem), new Field("Reserved", "reserved", reserved), new Field("CPUs", "cpus", cpus));
    }

    /** The line the form stands for, such as {@code machine custom 64MiB dma=16MiB cpus=2}. */
    public String line() {
        StringBuilder sb = new StringBuilder("machine custom");
        for (Field f : fields()) {
            String t = compact(f.text());
            if (t.isEmpty()) continue;
            sb.append(' ');
            if (f.key() != null) sb.append(f.key()).append('=');
            sb.append(t);
        }
        return sb.toString();
    }

    /**
     * The machine, or an {@link IllegalArgumentException} whose message names the field: a size that does not parse
     * ("ZONE_DMA: unknown size unit 'XB' in '16XB' (use B, KiB, MiB or GiB)"), or a rule of machine custom
     * ("the zones (dma+dma32+highmem = ...) leave nothing for ZONE_NORMAL ...", which names the fields itself).
     */
    public Machine machine() {
        for (Field f : fields()) {
            String t = compact(f.text());
            if (f.key() == null && t.isEmpty()) throw new IllegalArgumentException("Memory: give the machine's size, such as 64 MiB");
            if (t.isEmpty()) continue;
            try {
                if (f.key() == null || !f.key().equals("cpus")) Sizes.parse(t);
                else if (!t.matches("[0-9]{1,4}")) throw new IllegalArgumentException("expected a whole number of CPUs, such as 2");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.label() + ": " + e.getMessage());
            }
        }
        try {
            return (Machine) new ScriptParser("New machine").parseLine(line(), 1);
        } catch (ScriptException e) {
            throw new IllegalArgumentException(e.reason());     // a rule across fields; its text names them (dma32=, reserved=)
        }
    }

    /** "64 MiB" as the language writes it, "64MiB". */
    private static String compact(String text) { return text == null ? "" : text.replaceAll("\\s+", ""); }
}
