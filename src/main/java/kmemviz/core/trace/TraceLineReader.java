package kmemviz.core.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a trace as strings, ended by {@code \n}, {@code \r\n} or {@code \r} as {@link java.io.BufferedReader}
 * ends them. The bytes are read as they are: a line of ASCII (nearly every line of a trace) becomes a string without
 * going through a decoder, which a replay of millions of lines notices; any other line is decoded as UTF-8 with
 * malformed bytes replaced by U+FFFD, because a comm with a broken name must not end a replay. A line feed byte is
 * never part of a UTF-8 sequence, so splitting on bytes first is safe.
 */
public final class TraceLineReader implements Closeable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private long filled;                    // bytes read into the buffer so far
    private byte[] line = new byte[256];

    public TraceLineReader(InputStream in) { this.in = in; }

    /**
     * Bytes of the input consumed: the lines returned and their ends. A replay in parts keeps it, so that the next
     * part starts reading there instead of reading the lines before it again.
     */
    public long position() { return filled - (limit - pos); }

    /**
     * Skips the first {@code n} bytes of the input, before any line is read: a replay in parts starts its next part
     * at the {@link #position()} where the last one stopped. Fails if the input is shorter.
     */
    public void skipBytes(long n) throws IOException {
        if (filled != 0) throw new IllegalStateException("skipBytes must come before the first line is read");
        in.skipNBytes(n);
        filled = n;
    }

    /** The next line without its end, or null at the end of the input. */
    public String readLine() throws IOException {
        int len = 0;
        boolean ascii = true, any = false;
        while (pos < limit || fill()) {
            any = true;
            // Scan the buffer for the line's end; a line held whole in the buffer becomes a string from it directly.
            int start = pos, i = pos;
            byte b = 0;
            while (true) {
                // Printable ASCII, nearly every byte of a trace, is one test: both line ends and every byte of a
                // UTF-8 sequence (negative as a byte) are below 14.
                while (i < limit && buf[i] >= 14) i++;
                if (i == limit || (b = buf[i]) == '\n' || b == '\r') break;
                ascii &= b >= 0;
                i++;
            }
            pos = i;
            if (i == limit) {                      // the line goes on in the next buffer
                line = append(line, len, buf, start, i - start);
                len += i - start;
                continue;
            }
            // The string is made before a \r looks for its \n, which may refill the buffer.
            String s = len == 0 ? new String(buf, start, i - start, charset(ascii)) : joined(start, i, ascii, len);
            pos++;
            if (b == '\r' && (pos < limit || fill()) && buf[pos] == '\n') pos++;
            return s;
        }
        return any ? new String(line, 0, len, charset(ascii)) : null;
    }

    private String joined(int start, int end, boolean ascii, int len) {
        line = append(line, len, buf, start, end - start);
        return new String(line, 0, len + end - start, charset(ascii));
    }

    private static java.nio.charset.Charset charset(boolean ascii) {
        return ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    private static byte[] append(byte[] to, int len, byte[] from, int start, int n) {
        if (len + n > to.length) to = Arrays.copyOf(to, Math.max(to.length * 2, len + n));
        System.arraycopy(from, start, to, len, n);
        return to;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) return false;
        pos = 0;
        limit = n;
        filled += n;
        return true;
    }

    @Override
    public void close() throws IOException { in.close(); }
}
