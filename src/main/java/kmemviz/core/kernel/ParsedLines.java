package kmemviz.core.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import kmemviz.core.trace.KmemTraceParser;
import kmemviz.core.trace.TraceLine;
import kmemviz.core.trace.TraceLineReader;

/**
 * A trace's lines read and parsed on a thread of their own, a batch at a time, while the replay's thread applies the
 * batch before: reading and parsing are about two fifths of a replay, and the model's work is the rest, so on a
 * machine with a second core the two overlap. The lines arrive in order, so a replay applies exactly what it would
 * have read itself; the model is only ever touched by the replay's thread. At most {@link #BATCHES_AHEAD} batches wait,
 * so memory does not grow with the trace.
 */
final class ParsedLines implements AutoCloseable {
    static final int BATCH_LINES = 1024;
    private static final int BATCHES_AHEAD = 4;

    /** Up to {@link #BATCH_LINES} lines with their text and the byte after each; the last batch says why it is last. */
    static final class Batch {
        final TraceLine[] lines = new TraceLine[BATCH_LINES];
        final String[] texts = new String[BATCH_LINES];
        final long[] ends = new long[BATCH_LINES];
        int size;
        boolean endOfFile;          // the file has no line after these
        boolean endOfRange;         // the last line asked for is among these
        IOException error;          // the file could not be read past these
        RuntimeException failure;   // the reader itself failed: rethrown by the replay's thread

        boolean last() { return endOfFile || endOfRange || error != null || failure != null; }
    }

    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Starts reading {@code in} at byte {@code fromByte}, where line {@code lineNo + 1} begins, up to line
     * {@code lastLine} or the file's end. The stream is the reader's to close.
     */
    ParsedLines(InputStream in, long fromByte, long lineNo, long lastLine, KmemTraceParser parser) {
        reader = new Thread(() -> read(in, fromByte, lineNo, lastLine, parser), "kmemviz-trace-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream stream, long fromByte, long lineNo, long lastLine, KmemTraceParser parser) {
        Batch b = new Batch();
        // A stray byte in a trace (a comm with a broken name) must not end the replay: the reader replaces it.
        try (TraceLineReader in = new TraceLineReader(stream)) {
            in.skipBytes(fromByte);
            while (!closed) {
                if (lineNo == lastLine) { b.endOfRange = true; break; }
                String line = in.readLine();
                if (line == null) { b.endOfFile = true; break; }
                lineNo++;
                b.lines[b.size] = parser.parse(line, (int) Math.min(lineNo, Integer.MAX_VALUE));
                b.texts[b.size] = line;
                b.ends[b.size++] = in.position();
                if (b.size == BATCH_LINES) {
                    if (!hand(b)) return;
                    b = new Batch();
                }
            }
        } catch (IOException e) {
            b.error = e;
        } catch (RuntimeException e) {
            b.failure = e;
        }
        hand(b);
    }

    /** Queues a batch, waiting while the replay is behind; false once the replay has stopped listening. */
    private boolean hand(Batch b) {
        try {
            while (!ready.offer(b, 50, TimeUnit.MILLISECONDS)) if (closed) return false;
            return true;
        } catch (InterruptedException e) {
            return false;                   // only close() interrupts the reader
        }
    }

    /** The next batch, in order; the one whose {@link Batch#last()} is true ends the run. */
    Batch take() {
        try {
            return ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the replay was interrupted");
        }
    }

    /** Stops the reader (when the replay stops early) and waits for it to close the file. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        ready.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
