package dev.redisfromscratch.threaded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's threads: platform daemons by default; virtual ones on request where the JDK has them
 * (21+), and a clear refusal where it does not (the build's JDK 17).
 */
class ServerThreadsTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(ServerThreads.PROPERTY);
    }

    @Test
    void platformDaemonThreadsByDefault() {
        Thread t = ServerThreads.newThread(() -> { }, "client-1");
        assertThat(t.getName()).isEqualTo("client-1");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.toString()).doesNotContain("VirtualThread");
    }

    @Test
    void virtualThreadsOnRequestWhereTheJdkHasThem() {
        System.setProperty(ServerThreads.PROPERTY, "virtual");
        if (Runtime.version().feature() >= 21) {
            Thread t = ServerThreads.newThread(() -> { }, "client-2");
            assertThat(t.getName()).isEqualTo("client-2");
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.toString()).contains("VirtualThread");
        } else {
            assertThatThrownBy(() -> ServerThreads.newThread(() -> { }, "client-2"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("-Dthreaded.threads=virtual needs a JDK 21 or later");
        }
    }
}
