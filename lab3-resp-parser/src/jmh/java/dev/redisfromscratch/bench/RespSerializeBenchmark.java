package dev.redisfromscratch.bench;

import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.Protocol;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reply serialization throughput: one reply value in, its RESP bytes appended to an output
 * buffer. One operation is one reply; {@code bytes} is the same rate in bytes per second.
 *
 * <ul>
 *   <li>{@link #respSerializer}: lab 3's {@code Protocol.write(RespValue, ReplyWriter)}.
 *   <li>{@link #replyWriterDirect}: the same bytes written by calling lab 1's {@link ReplyWriter}
 *       directly, as lab 1's commands do. The difference is the price of having typed values.
 *   <li>{@link #nettyEncoder}: the peer, Netty's {@code RedisEncoder} in an
 *       {@code EmbeddedChannel}. Note what differs: Netty writes headers into small new buffers
 *       and passes a bulk string's payload on without copying it (for a gathering write later),
 *       where we copy every payload into one reply buffer, as Redis copies into its client reply
 *       buffer. For large values Netty's approach saves that copy.
 *   <li>{@link #nettyEncoderWithoutPipeline}: the same encoder called directly, skipping the
 *       channel pipeline (promises, outbound buffer, flush) that a real Netty server goes through:
 *       Netty's best case.
 * </ul>
 *
 * <p>Replies ({@link Shape}): {@code +OK}; a bulk string of 16 B, 1 KB and 100 KB (a GET reply);
 * an array of 10 bulk strings of 16 B (an LRANGE reply).
 *
 * <p>As in the JMH samples: inputs in non-final {@code @State} fields, results returned or sunk in
 * a {@link Blackhole}, no hand-written loops. The output buffer is reused and reset after each
 * operation, as a server resets it after each flush.
 *
 * <p>Run: {@code ./lab bench 3 RespSerializeBenchmark}, or with {@code java -cp ...
 * org.openjdk.jmh.Main RespSerializeBenchmark -prof gc} (see {@link RespParseBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RespSerializeBenchmark {
    /** The replies serialized. */
    public enum Shape {
        OK(-1, 0), BULK_16B(16, 0), BULK_1KB(1024, 0), BULK_100KB(100 * 1024, 0), ARRAY_10x16B(16, 10);

        final int valueBytes;
        final int elements;

        Shape(int valueBytes, int elements) {
            this.valueBytes = valueBytes;
            this.elements = elements;
        }

        byte[] value() {
            byte[] value = new byte[valueBytes];
            Arrays.fill(value, (byte) 'v');
            return value;
        }
    }

    @Param
    public Shape shape;

    private RespValue reply;
    private byte[] value;
    private ReplyWriter out;
    private RedisMessage nettyReply;
    private EmbeddedChannel nettyEncoding;
    private DirectRedisEncoder nettyEncoder;
    private ChannelHandlerContext nettyContext;
    private List<Object> nettyParts;

    @Setup(Level.Trial)
    public void prepare() {
        out = new ReplyWriter();
        if (shape == Shape.OK) {
            reply = SimpleString.OK;
            nettyReply = new SimpleStringRedisMessage("OK");
        } else if (shape.elements == 0) {
            value = shape.value();
            reply = new BulkString(value);
            nettyReply = new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value));
        } else {
            value = shape.value();
            List<RespValue> elements = new ArrayList<>();
            List<RedisMessage> nettyElements = new ArrayList<>();
            for (int i = 0; i < shape.elements; i++) {
                elements.add(new BulkString(value));
                nettyElements.add(new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value)));
            }
            reply = new RespArray(elements);
            nettyReply = new ArrayRedisMessage(nettyElements);
        }
        nettyEncoding = new EmbeddedChannel(new RedisEncoder());
        nettyEncoder = new DirectRedisEncoder();
        nettyContext = new EmbeddedChannel(nettyEncoder).pipeline().context(nettyEncoder);
        nettyParts = new ArrayList<>();
    }

    @TearDown(Level.Trial)
    public void close() {
        nettyEncoding.finishAndReleaseAll();
        ReferenceCountUtil.release(nettyReply);
    }

    /** Ours: a typed value through the serializer. */
    @Benchmark
    public int respSerializer(ByteCounter counter) {
        Protocol.write(reply, out);
        int size = out.size();
        counter.add(size);
        out.reset();
        return size;
    }

    /** Baseline: the same bytes by direct writer calls, no value objects. */
    @Benchmark
    public int replyWriterDirect(ByteCounter counter) {
        if (shape == Shape.OK) {
            out.raw(ReplyWriter.OK);
        } else if (shape.elements == 0) {
            out.bulk(value);
        } else {
            out.arrayHeader(shape.elements);
            for (int i = 0; i < shape.elements; i++) { // the elements of one reply, not a benchmark loop
                out.bulk(value);
            }
        }
        int size = out.size();
        counter.add(size);
        out.reset();
        return size;
    }

    /** The peer: Netty's encoder; the reply message is retained so that it can be sent again. */
    @Benchmark
    public void nettyEncoder(ByteCounter counter, Blackhole sink) {
        nettyEncoding.writeOutbound(ReferenceCountUtil.retain(nettyReply));
        ByteBuf part;
        while ((part = nettyEncoding.readOutbound()) != null) {
            counter.add(part.readableBytes());
            sink.consume(part);
            part.release();
        }
    }

    /** Netty's encoder called directly, its output buffers released at once. */
    @Benchmark
    public int nettyEncoderWithoutPipeline(ByteCounter counter) throws Exception {
        nettyEncoder.encodeNow(nettyContext, nettyReply, nettyParts);
        int size = 0;
        for (Object part : nettyParts) { // the buffers of one reply, not a benchmark loop
            size += ((ByteBuf) part).readableBytes();
            ReferenceCountUtil.release(part);
        }
        nettyParts.clear();
        counter.add(size);
        return size;
    }

    /** Exposes {@code RedisEncoder}'s protected {@code encode} (the class is meant to be extended). */
    static final class DirectRedisEncoder extends RedisEncoder {
        void encodeNow(ChannelHandlerContext context, RedisMessage message, List<Object> out) throws Exception {
            encode(context, message, out);
        }
    }
}
