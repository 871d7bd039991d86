package dev.redisfromscratch.bench;

import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast lab 1 turns bytes into an inline command: find the newline, split the line into
 * arguments. One invocation does what the server does after a read: append one
 * {@code ECHO <payload>\r\n} line to the query buffer, then frame it (which consumes it again).
 *
 * <p>What it shows: framing cost grows with the line, since every byte is scanned twice (once for
 * the newline, once by the tokenizer) and copied once into its argument. Lab 3's RESP bulk strings
 * carry their length up front, so the payload is copied without being scanned; its benchmark puts
 * the two side by side.
 *
 * <p>Pitfalls handled as in the JMH samples: the input lives in a non-final {@code @State} field
 * (no constant folding); the framed arguments are returned (no dead code); each call leaves the
 * buffer empty, as it found it, so every call does the same work (no state changed by the first
 * call), and no {@code Level.Invocation} setup is needed (the samples warn it distorts calls this
 * short).
 *
 * <p>Run: {@code ./lab bench 1} or {@code ./lab bench 1 InlineFramingBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InlineFramingBenchmark {
    /** Size of the ECHO payload, in bytes. */
    @Param({"16", "1024", "60000"})
    public int payloadBytes;

    private byte[] line;
    private InlineFramer framer;
    private QueryBuffer buffer;

    @Setup(Level.Trial)
    public void prepare() {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'v');
        line = ("ECHO " + new String(payload, StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        framer = new InlineFramer();
        buffer = new QueryBuffer();
    }

    /** Appends one line, then frames and tokenizes it. */
    @Benchmark
    public List<byte[]> appendAndFrameOneInlineCommand() throws ProtocolException {
        buffer.append(line);
        return framer.next(buffer);
    }
}
