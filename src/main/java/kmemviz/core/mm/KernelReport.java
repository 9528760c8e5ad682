package kmemviz.core.mm;

/**
 * Something the kernel would print: an allocation failure, a WARNING, a BUG or an OOM kill.
 *
 * @param headline the first line, as the kernel prints it
 * @param text     the whole report, several lines
 * @param pfn      the frame it concerns, or {@link FrameTable#NO_PFN}
 * @param allocId  the allocation it concerns, or 0
 */
public record KernelReport(Kind kind, String headline, String text, int pfn, int allocId) {
    public enum Kind { NOTE, ALLOC_FAILURE, WARNING, BUG, OOM_KILL }

    public static KernelReport of(Kind kind, String text) {
        return new KernelReport(kind, text.lines().findFirst().orElse(""), text, FrameTable.NO_PFN, 0);
    }
}
