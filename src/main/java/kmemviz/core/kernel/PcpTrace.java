package kmemviz.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the trace shows of the per-CPU lists, read before its first line is applied ({@link PcpTrace#of}). */
enum PcpTrace {
    /** No mm_page_pcpu_drain line: the trace does not follow the lists. */
    UNTRACED,
    /** Drains with a decimal pfn: a kernel before 5.14, whose lists held order-0 pages only. */
    ORDER_0,
    /** Drains with a hex pfn: 5.14 and later, lists for every pcp_allowed_order(). */
    PCP_ORDERS;

    private static final byte[] DRAIN = "mm_page_pcpu_drain:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int LINE_TAIL = 512;

    /**
     * Scans the file's bytes for the first drain line and reads its pfn's form; stops there, so a trace with the
     * pcp events enabled costs a few lines, and one without them a pass over the bytes.
     */
    static PcpTrace of(Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int len = 0; ; ) {
                len += in.readNBytes(buf, len, buf.length - len);
                boolean eof = len < buf.length;             // readNBytes() fills the buffer unless the file ends
                int i = 0;
                for (; i + DRAIN.length <= len; i++) {
                    if (buf[i] != 'm' || !matches(buf, i)) continue;
                    if (!eof && len - i < LINE_TAIL) break;      // read on, so that the line is whole
                    return formOf(buf, i + DRAIN.length, len);
                }
                if (eof) return UNTRACED;
                System.arraycopy(buf, i, buf, 0, len - i);     // a match cut short, or a name's start
                len -= i;
            }
        }
    }

    /** The form of the pfn in the drain line's body from {@code from}: {@code pfn=0x...} from 5.14. */
    private static PcpTrace formOf(byte[] buf, int from, int len) {
        for (int p = from; p + 6 < len && buf[p] != '\n'; p++)
            if (buf[p] == ' ' && buf[p + 1] == 'p' && buf[p + 2] == 'f' && buf[p + 3] == 'n' && buf[p + 4] == '=')
                return buf[p + 5] == '0' && buf[p + 6] == 'x' ? PCP_ORDERS : ORDER_0;
        return ORDER_0;
    }

    private static boolean matches(byte[] buf, int at) {
        for (int k = 1; k < DRAIN.length; k++) if (buf[at + k] != DRAIN[k]) return false;
        return true;
    }
}
