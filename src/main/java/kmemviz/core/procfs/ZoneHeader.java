package kmemviz.core.procfs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "Node 0, zone   Normal" (and pagetypeinfo's "Node    0, zone   Normal, type ..."): the node and zone of a row. */
record ZoneHeader(int node, String zone, int end) {
    private static final Pattern HEADER = Pattern.compile("^\\s*Node\\s+(\\d{1,4}),\\s*zone\\s+(\\w+)");

    static ZoneHeader read(String line) {
        Matcher m = HEADER.matcher(line);
        if (!m.find()) return null;
        return new ZoneHeader(Integer.parseInt(m.group(1)), m.group(2), m.end());
    }
}
