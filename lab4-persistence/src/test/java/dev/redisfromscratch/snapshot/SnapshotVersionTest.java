package dev.redisfromscratch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.ValueType;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The format version comes from the registered codecs: lab 4's strings write version 1, a codec
 * that needs version 2 (as lab 6's lists and sets do) makes the writer write 2 and the reader read
 * 1 and 2, and lab 4's codecs refuse a version-2 file at its header.
 */
@Stage(lab = 4, value = 2)
class SnapshotVersionTest {
    private static final long NOW = 1_767_225_600_000L;

    /** A stand-in for a later lab's type: strings under another name, needing version 2. */
    private static final class LaterCodec implements ValueCodec {
        private final StringCodec strings = new StringCodec();

        @Override
        public ValueType type() {
            return new ValueType("later");
        }

        @Override
        public int formatVersion() {
            return 2;
        }

        @Override
        public Object freeze(Object value) {
            return value;
        }

        @Override
        public void write(JsonGenerator out, Object value) throws IOException {
            strings.write(out, value);
        }

        @Override
        public Object read(JsonParser in) throws IOException {
            return strings.read(in);
        }

        @Override
        public void rewrite(byte[] key, Object value, Consumer<List<byte[]>> commands) {
            strings.rewrite(key, value, commands);
        }
    }

    private static String written(ValueCodecs codecs) throws IOException {
        DataStore store = new DataStore(new ManualClock(NOW));
        store.set("a".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SnapshotWriter(codecs).write(out, KeyspaceCapture.of(store, codecs, NOW), NOW);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SnapshotReader.Counts read(ValueCodecs codecs, String json) throws IOException {
        return new SnapshotReader(codecs).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new DataStore(new ManualClock(NOW)), NOW);
    }

    @Test
    void lab4sCodecsWriteVersion1AndALaterCodecRaisesIt() throws IOException {
        assertThat(ValueCodecs.strings().formatVersion()).isEqualTo(1);
        assertThat(written(ValueCodecs.strings())).startsWith("{\"format\":\"redis-from-scratch snapshot\",\"version\":1,");
        ValueCodecs later = ValueCodecs.strings().register(new LaterCodec());
        assertThat(later.formatVersion()).isEqualTo(2);
        assertThat(written(later)).startsWith("{\"format\":\"redis-from-scratch snapshot\",\"version\":2,");
    }

    @Test
    void aServerReadsEveryVersionUpToItsCodecsAndRefusesALaterOneAtTheHeader() throws IOException {
        String v1 = "{\"format\":\"redis-from-scratch snapshot\",\"version\":1,\"keys\":["
                + "{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"}],\"count\":1}";
        String v2 = v1.replace("\"version\":1", "\"version\":2");
        ValueCodecs later = ValueCodecs.strings().register(new LaterCodec());
        assertThat(read(later, v1).loaded()).isEqualTo(1);
        assertThat(read(later, v2).loaded()).isEqualTo(1);
        assertThatThrownBy(() -> read(ValueCodecs.strings(), v2))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("snapshot version 2 is not one this server reads (1 to 1)");
        assertThatThrownBy(() -> read(later, v1.replace("\"version\":1", "\"version\":3")))
                .hasMessageContaining("snapshot version 3 is not one this server reads (1 to 2)");
        assertThatThrownBy(() -> read(later, v1.replace("\"version\":1", "\"version\":0")))
                .hasMessageContaining("snapshot version 0 is not one this server reads (1 to 2)");
    }
}
