package kmemviz.core.report;

import java.util.List;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;

/** One line per event, in order; a kernel report prints its whole text. */
public final class EventsReport {
    private EventsReport() {}

    public static String render(List<MmEvent> events) {
        StringBuilder out = new StringBuilder();
        for (MmEvent e : events) {
            out.append(e.kind() == EventKind.REPORT ? e.report().text() : e.describe()).append('\n');
        }
        return out.toString();
    }
}
