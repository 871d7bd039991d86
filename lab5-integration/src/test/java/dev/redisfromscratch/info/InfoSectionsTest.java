package dev.redisfromscratch.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Info}: fields in Redis's order whoever registers them, section selection, sizes as Redis prints them. */
class InfoSectionsTest {
    @Test
    void fieldsComeOutInRedissOrderNotInRegistrationOrder() {
        Info info = new Info()
                .field("stats", "expired_keys", () -> 3)
                .field("stats", "total_connections_received", () -> 1)
                .field("stats", "our_own_field", () -> "x")
                .field("stats", "pubsub_channels", () -> 0)
                .field("stats", "left_out", () -> null);
        assertThat(info.generate(List.of("stats"))).isEqualTo("# Stats\r\ntotal_connections_received:1\r\n"
                + "expired_keys:3\r\npubsub_channels:0\r\nour_own_field:x\r\n");
    }

    @Test
    void sectionsComeOutInRedissOrderWithAnEmptyLineBetweenThem() {
        Info info = new Info()
                .lines("keyspace", "db%d", lines -> lines.add("db0:keys=1,expires=0,avg_ttl=0"))
                .field("server", "redis_version", () -> "7.0.15")
                .section("modules")
                .lines("commandstats", "cmdstat_%s", lines -> { });
        assertThat(info.generate(List.of())).isEqualTo("# Server\r\nredis_version:7.0.15\r\n\r\n# Modules\r\n\r\n"
                + "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n");
        assertThat(info.generate(List.of("everything"))).contains("# Commandstats\r\n");
        assertThat(info.generate(List.of("KEYSPACE", "Server"))).startsWith("# Server");
        assertThat(info.generate(List.of("module_list"))).isEqualTo("# Modules\r\n");
        assertThat(info.generate(List.of("nope"))).isEmpty();
    }

    @Test
    void onlyRedissSectionsExist() {
        assertThatThrownBy(() -> new Info().section("mine")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesArePrintedAsRedissBytesToHuman() {
        assertThat(Info.human(0)).isEqualTo("0B");
        assertThat(Info.human(1023)).isEqualTo("1023B");
        assertThat(Info.human(1020576)).isEqualTo("996.66K");
        assertThat(Info.human(12189696)).isEqualTo("11.62M"); // 11.625 exactly: C rounds half to even
        assertThat(Info.twoDecimals(0.125)).isEqualTo("0.12");
        assertThat(Info.twoDecimals(14)).isEqualTo("14.00");
        assertThat(Info.human(25275990016L)).isEqualTo("23.54G");
    }
}
