package dev.redisfromscratch.bench;

import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.resp.RespRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One huge request (an {@code MSET}-like multibulk of 10,000 or 100,000 arguments) arriving in
 * 16 KiB reads, as a socket delivers it: what does framing it cost in all?
 *
 * <ul>
 *   <li>{@code KEEPS_STATE}: lab 3's {@link RespRequestDecoder}, one per client, which remembers
 *       between reads where it is in the request and consumes each header and argument once.
 *       The cost grows linearly with the request: 10× the arguments, about 10× the time.
 *   <li>{@code RESTARTS}: the design lab 3 had before, a decoder that keeps nothing between reads.
 *       After every read it scans the request's headers again from the first byte to learn whether
 *       the request is complete, and frames it only then. A request of n bytes in reads of c bytes
 *       is scanned about n/c times, so the cost grows quadratically: 10× the arguments, about
 *       100× the time. The scan is reproduced here (headers only, allocating nothing, as the old
 *       decoder's first pass did); the last step uses the real decoder.
 * </ul>
 * Redis keeps the state in its {@code client} struct for the same reason ({@code networking.c},
 * {@code processMultibulkBuffer}: {@code multibulklen}, {@code bulklen}).
 *
 * <p>One operation is the whole request, fed read by read; feeding the reads is the work being
 * measured, not a loop added to amortise a small operation. Inputs are {@code @State} fields and
 * the result (the argument count) is returned, as in the JMH samples.
 *
 * <p>Run: {@code ./lab bench 3 RequestRescanBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestRescanBenchmark {
    /** How the request is framed across reads. */
    public enum Decoding { KEEPS_STATE, RESTARTS }

    /** Arguments in the request. */
    @Param({"10000", "100000"})
    public int arguments;

    /** Which decoder design. */
    @Param
    public Decoding decoding;

    /** Bytes per read: Redis's {@code PROTO_IOBUF_LEN}, what one {@code read} returns at most. */
    public int readBytes = QueryBuffer.READ_CHUNK;

    private byte[] request;

    /** Builds {@code *<n>\r\n} followed by n arguments {@code $8\r\nk0000001\r\n}. */
    @Setup
    public void buildRequest() {
        StringBuilder sb = new StringBuilder("*").append(arguments).append("\r\n");
        for (int i = 0; i < arguments; i++) {
            sb.append("$8\r\n").append(String.format("k%07d", i)).append("\r\n");
        }
        request = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the number of arguments framed */
    @Benchmark
    public int frameOneRequestReadByRead() throws ProtocolException {
        QueryBuffer in = new QueryBuffer();
        RespRequestDecoder decoder = new RespRequestDecoder();
        for (int off = 0; off < request.length; off += readBytes) {
            in.append(request, off, Math.min(readBytes, request.length - off)); // one read
            List<byte[]> args = decoding == Decoding.KEEPS_STATE || isComplete(in) ? decoder.next(in) : null;
            if (args != null) {
                return args.size();
            }
        }
        throw new IllegalStateException("the request never completed");
    }

    /**
     * The old design's first pass: from the request's first byte, walk every header to see whether
     * the whole request has arrived. Allocates nothing; returns {@code false} where it runs out.
     */
    private static boolean isComplete(QueryBuffer in) {
        byte[] buf = in.array();
        int pos = in.start();
        int end = in.end();
        int cr = crFrom(buf, pos, end);                          // *<count>\r\n
        if (cr < 0) {
            return false;
        }
        long count = Numbers.string2ll(buf, pos + 1, cr);
        pos = cr + 2;
        for (long i = 0; i < count; i++) {
            cr = crFrom(buf, pos, end);                          // $<len>\r\n
            if (cr < 0) {
                return false;
            }
            long len = Numbers.string2ll(buf, pos + 1, cr);
            pos = cr + 2;
            if (end - pos < len + 2) {                           // <payload>\r\n
                return false;
            }
            pos += (int) len + 2;
        }
        return true;
    }

    private static int crFrom(byte[] buf, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (buf[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
