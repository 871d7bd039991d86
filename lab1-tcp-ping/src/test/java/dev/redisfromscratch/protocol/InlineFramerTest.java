package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

@Stage(lab = 1, value = 2)
class InlineFramerTest {
    private final InlineFramer framer = new InlineFramer();
    private final QueryBuffer in = new QueryBuffer();

    private List<String> next() throws ProtocolException {
        List<byte[]> args = framer.next(in);
        return args == null ? null : args.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void acceptsBothLfAndCrlfEndings() throws Exception {
        in.append("PING\nECHO a\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next()).containsExactly("PING");
        assertThat(next()).containsExactly("ECHO", "a");
        assertThat(next()).isNull();
        assertThat(in.readable()).isZero();
    }

    @Test
    void incompleteLineNeedsMoreAndConsumesNothing() throws Exception {
        in.append("ECHO hel".getBytes(StandardCharsets.US_ASCII));
        assertThat(next()).isNull();
        assertThat(in.readable()).isEqualTo(8);
        in.append("lo\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(next()).isNull();
        in.append("\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next()).containsExactly("ECHO", "hello");
    }

    @Test
    void everySplitPointOfThreeCommandsYieldsTheSameCommands() throws Exception {
        byte[] all = "PING\r\nECHO \"a b\"\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= all.length; split++) {
            QueryBuffer buf = new QueryBuffer();
            List<List<String>> seen = new java.util.ArrayList<>();
            buf.append(all, 0, split);
            drain(buf, seen);
            buf.append(all, split, all.length - split);
            drain(buf, seen);
            assertThat(seen).as("split at %d", split)
                    .containsExactly(List.of("PING"), List.of("ECHO", "a b"), List.of("QUIT"));
        }
    }

    private void drain(QueryBuffer buf, List<List<String>> seen) throws ProtocolException {
        List<byte[]> args;
        while ((args = framer.next(buf)) != null) {
            seen.add(args.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList());
        }
    }

    @Test
    void emptyLineIsIgnoredAsAnEmptyRequest() throws Exception {
        in.append("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next()).isEmpty();
        assertThat(in.readable()).isZero();
    }

    @Test
    void moreThan64KiBWithoutNewlineIsTooBig() {
        in.append(new byte[InlineFramer.MAX_INLINE_BYTES]);
        assertThat(catchNext()).isNull(); // exactly 64 KiB: still waiting
        in.append(new byte[] {'a'});
        assertThatThrownBy(this::next).isInstanceOf(ProtocolException.class)
                .hasMessage("too big inline request");
    }

    private List<String> catchNext() {
        try {
            return next();
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
