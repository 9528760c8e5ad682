package kmemviz.core.vm;

import java.util.List;

/**
 * What vmalloc() gave: the area, or null with the kernel's warning lines (without warn_alloc()'s task-name
 * prefix and "mode:..." suffix, which the integrator adds). An empty list with a null area means no warning
 * (__GFP_NOWARN, or a zero size).
 */
public record VmallocResult(VmapArea area, List<String> warnings) {
    public VmallocResult {
        warnings = List.copyOf(warnings);
    }

    public boolean ok() { return area != null; }

    /** The returned pointer, or 0 (NULL). */
    public long addr() { return area == null ? 0 : area.start(); }

    static VmallocResult failed(String... lines) { return new VmallocResult(null, List.of(lines)); }
}
