package dev.redisfromscratch.bench;

import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.resp.RespRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.util.ReferenceCountUtil;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Request framing throughput: bytes that have just arrived from a client in, one complete command
 * (its arguments) out. One operation is one command; the {@code bytes} secondary result is the
 * same rate in bytes per second (see {@link ByteCounter}).
 *
 * <p>Four parsers on the same commands ({@link CommandFrame}: GET, and SET with 16 B, 1 KB and
 * 100 KB values), in one run so that their numbers compare:
 * <ul>
 *   <li>{@link #respDecoder}: lab 3's {@link RespRequestDecoder} on the RESP multibulk. Copy the
 *       frame into the {@link QueryBuffer} (what a socket read does), frame it, get a
 *       {@code List<byte[]>} with each argument copied out.
 *   <li>{@link #inlineFramer}: lab 1's {@link InlineFramer} on the same command as an inline line
 *       ({@code SET user:42 vvvv\r\n}): scan for the newline, then tokenize every byte.
 *   <li>{@link #nettyDecoderAndAggregators}: the peer. Netty's {@code RedisDecoder} followed by
 *       {@code RedisBulkStringAggregator} and {@code RedisArrayAggregator}, which is what a Netty
 *       server needs to get one whole command: an {@code ArrayRedisMessage} of
 *       {@code FullBulkStringRedisMessage}s. The frame is copied into a pooled heap buffer (the
 *       same one copy as ours); arguments are zero-copy slices of it, released afterwards
 *       (reference counting is part of Netty's cost). Runs in an {@code EmbeddedChannel}, so the
 *       pipeline's per-message dispatch is included, as it would be in a real server.
 *   <li>{@link #nettyDecoderOnly}: only {@code RedisDecoder}, which emits one message per RESP
 *       part (array header, each bulk string) and leaves assembling the command to the caller:
 *       a lower bound for Netty, doing less work than the other three.
 * </ul>
 *
 * <p>Pitfalls handled as in the JMH samples: inputs are non-final {@code @State} fields (no
 * constant folding); results are returned or sunk in a {@link Blackhole} (no dead code); no
 * hand-written loops; copying the frame in is part of each operation instead of an
 * {@code Invocation}-level setup, whose timer overhead would swamp a 50 ns operation.
 *
 * <p>Run (from the repository root, after {@code mvn -o package -pl lab3-resp-parser}):
 * <pre>
 *   ./lab bench 3 RespParseBenchmark
 *   java -cp lab3-resp-parser/target/test-classes:lab3-resp-parser/target/classes:$(cat lab3-resp-parser/target/bench-classpath.txt) \
 *        org.openjdk.jmh.Main RespParseBenchmark -prof gc
 * </pre>
 * {@code -prof gc} adds bytes allocated per operation ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RespParseBenchmark {
    /** Which command is framed. */
    @Param
    public CommandFrame frame;

    private byte[] resp;
    private byte[] inline;
    private QueryBuffer query;
    private RespRequestDecoder decoder;
    private InlineFramer inlineFramer;
    private ByteBufAllocator allocator;
    private EmbeddedChannel nettyAggregating;
    private EmbeddedChannel nettyDecoding;

    @Setup(Level.Trial)
    public void prepare() {
        resp = frame.resp();
        inline = frame.inline();
        query = new QueryBuffer();
        decoder = new RespRequestDecoder();
        inlineFramer = new InlineFramer();
        allocator = PooledByteBufAllocator.DEFAULT;
        nettyAggregating = new EmbeddedChannel(
                new RedisDecoder(), new RedisBulkStringAggregator(), new RedisArrayAggregator());
        nettyDecoding = new EmbeddedChannel(new RedisDecoder());
    }

    @TearDown(Level.Trial)
    public void close() {
        nettyAggregating.finishAndReleaseAll();
        nettyDecoding.finishAndReleaseAll();
    }

    /** Ours: RESP multibulk to {@code List<byte[]>}. */
    @Benchmark
    public List<byte[]> respDecoder(ByteCounter counter) throws ProtocolException {
        query.append(resp);
        counter.add(resp.length);
        return decoder.next(query);
    }

    /** Lab 1: the same command as an inline line. */
    @Benchmark
    public List<byte[]> inlineFramer(ByteCounter counter) throws ProtocolException {
        query.append(inline);
        counter.add(inline.length);
        return inlineFramer.next(query);
    }

    /** The peer: Netty decoder + aggregators to one {@code ArrayRedisMessage}. */
    @Benchmark
    public void nettyDecoderAndAggregators(ByteCounter counter, Blackhole sink) {
        ByteBuf in = allocator.heapBuffer(resp.length).writeBytes(resp);
        counter.add(resp.length);
        nettyAggregating.writeInbound(in);
        ArrayRedisMessage command = nettyAggregating.readInbound();
        sink.consume(command.children().get(command.children().size() - 1));
        command.release();
    }

    /** Netty's decoder alone: the parts of the command, not assembled. */
    @Benchmark
    public void nettyDecoderOnly(ByteCounter counter, Blackhole sink) {
        ByteBuf in = allocator.heapBuffer(resp.length).writeBytes(resp);
        counter.add(resp.length);
        nettyDecoding.writeInbound(in);
        Object part;
        while ((part = nettyDecoding.readInbound()) != null) {
            sink.consume(part);
            ReferenceCountUtil.release(part);
        }
    }
}
