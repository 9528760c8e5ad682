package kmemviz.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** TraceLineReader gives the lines BufferedReader over a replacing UTF-8 decoder gives, which the replay used before. */
class TraceLineReaderTest {

    private static List<String> read(byte[] bytes) throws IOException {
        List<String> lines = new ArrayList<>();
        try (TraceLineReader in = new TraceLineReader(new ByteArrayInputStream(bytes))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) lines.add(l);
        }
        return lines;
    }

    private static List<String> readWithDecoder(byte[] bytes) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) lines.add(l);
        }
        return lines;
    }

    @Test
    void everyLineEndAndAnUnendedLastLine() throws IOException {
        byte[] text = "a\nb\r\nc\rd\n\n\r\ne".getBytes(StandardCharsets.US_ASCII);
        assertThat(read(text)).containsExactly("a", "b", "c", "d", "", "", "e");
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("x\n".getBytes(StandardCharsets.US_ASCII))).containsExactly("x");
    }

    @Test
    void aCommInUtf8AndABrokenByte() throws IOException {
        byte[] utf8 = "kworker/ü-12 [000] 1.0: kfree: ptr=0\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = {'a', (byte) 0xc3, 'b', '\n', (byte) 0xff, '\n'};
        assertThat(read(utf8)).containsExactly("kworker/ü-12 [000] 1.0: kfree: ptr=0");
        assertThat(read(broken)).isEqualTo(readWithDecoder(broken)).containsExactly("a\ufffdb", "\ufffd");
    }

    @Test
    void aLineLongerThanTheBuffers() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(read((longLine + "\r\n" + longLine).getBytes(StandardCharsets.US_ASCII))).containsExactly(longLine, longLine);
        // The reader fills 64 KiB at a time: a \r as the buffer's last byte, its \n the next buffer's first
        String upToTheEdge = "x".repeat((1 << 16) - 1);
        assertThat(read((upToTheEdge + "\r\ny").getBytes(StandardCharsets.US_ASCII))).containsExactly(upToTheEdge, "y");
        assertThat(read(("ab\n" + "é".repeat(40_000) + "\r\nz").getBytes(StandardCharsets.UTF_8)))
                .containsExactly("ab", "é".repeat(40_000), "z");
    }

    @Property(tries = 300)
    void asBufferedReaderReadsText(@ForAll @Size(max = 300) List<@net.jqwik.api.constraints.CharRange(from = '\u0000', to = '\u00ff') Character> chars)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        for (char c : chars) sb.append(c == 'n' ? '\n' : c == 'r' ? '\r' : c);
        List<String> expected = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(sb.toString()))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) expected.add(l);
        }
        assertThat(read(sb.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
