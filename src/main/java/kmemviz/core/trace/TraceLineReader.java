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
    private byte[] line = new byte[256];

    public TraceLineReader(InputStream in) { this.in = in; }

    /** The next line without its end, or null at the end of the input. */
    public String readLine() throws IOException {
        int len = 0;
        boolean ascii = true, any = false;
        while (pos < limit || fill()) {
            any = true;
            byte b = buf[pos++];
            if (b == '\n') break;
            if (b == '\r') {
                if ((pos < limit || fill()) && buf[pos] == '\n') pos++;
                break;
            }
            if (len == line.length) line = Arrays.copyOf(line, len * 2);
            line[len++] = b;
            ascii &= b >= 0;
        }
        if (!any) return null;
        return new String(line, 0, len, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) return false;
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException { in.close(); }
}
