package dev.redisfromscratch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LinkProxy} between a plain client socket and a plain server socket: it forwards both ways,
 * and its cut, stall, stall-at-a-byte, refuse and retarget do what they say. A read that must find
 * nothing waits for a short socket timeout: the only way to see that bytes did not arrive.
 */
class LinkProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int QUIET_MILLIS = 200;

    private ServerSocket server;
    private LinkProxy proxy;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) WAIT.toMillis());
        proxy = LinkProxy.start(server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private Socket accept() throws IOException {
        Socket s = server.accept();
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), StandardCharsets.US_ASCII);
    }

    private static void assertNothingArrives(Socket s) throws IOException {
        s.setSoTimeout(QUIET_MILLIS);
        try {
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        } finally {
            s.setSoTimeout((int) WAIT.toMillis());
        }
    }

    private static void assertClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException reset) {
            // a reset is closed too
        }
    }

    @Test
    void forwardsBothWaysAndCounts() throws IOException {
        try (Socket client = connect(); Socket target = accept()) {
            send(client, "PING\r\n");
            assertThat(read(target, 6)).isEqualTo("PING\r\n");
            send(target, "+PONG\r\n");
            assertThat(read(client, 7)).isEqualTo("+PONG\r\n");
            assertThat(proxy.bytesToTarget()).isEqualTo(6);
            assertThat(proxy.bytesToClient()).isEqualTo(7);
            assertThat(proxy.links()).isEqualTo(1);
            assertThat(proxy.openLinks()).isEqualTo(1);
        }
    }

    @Test
    void cutClosesBothSidesAndLaterLinksWork() throws IOException {
        try (Socket client = connect(); Socket target = accept()) {
            send(client, "a");
            assertThat(read(target, 1)).isEqualTo("a");
            proxy.cut();
            assertClosed(client);
            assertClosed(target);
            assertThat(proxy.openLinks()).isZero();
        }
        try (Socket client = connect(); Socket target = accept()) {
            send(target, "b");
            assertThat(read(client, 1)).isEqualTo("b");
            assertThat(proxy.links()).isEqualTo(2);
        }
    }

    @Test
    void stallHoldsBytesUntilResume() throws IOException {
        try (Socket client = connect(); Socket target = accept()) {
            send(client, "x");
            assertThat(read(target, 1)).isEqualTo("x");
            proxy.stall();
            assertThat(proxy.isStalled()).isTrue();
            send(client, "up");
            send(target, "down");
            assertNothingArrives(target);
            assertNothingArrives(client);
            proxy.resume();
            assertThat(read(target, 2)).isEqualTo("up");
            assertThat(read(client, 4)).isEqualTo("down");
        }
    }

    @Test
    void stallAtForwardsExactlyThatManyBytesTowardsTheClient() throws IOException {
        try (Socket client = connect(); Socket target = accept()) {
            proxy.stallAt(10);
            send(target, "0123456789abcdefghij");
            proxy.awaitStalled(WAIT);
            assertThat(read(client, 10)).isEqualTo("0123456789");
            assertNothingArrives(client);
            assertThat(proxy.bytesToClient()).isEqualTo(10);
            proxy.resume();
            assertThat(read(client, 10)).isEqualTo("abcdefghij");
        }
    }

    @Test
    void refuseClosesNewLinksUntilAdmit() throws IOException {
        try (Socket client = connect(); Socket target = accept()) {
            proxy.refuse();
            assertClosed(client);
            assertClosed(target);
        }
        try (Socket refusedClient = connect()) {
            assertClosed(refusedClient);
        }
        assertThat(proxy.refused()).isEqualTo(1);
        proxy.admit();
        try (Socket client = connect(); Socket target = accept()) {
            send(client, "ok");
            assertThat(read(target, 2)).isEqualTo("ok");
        }
        proxy.awaitLinks(2, WAIT);
    }

    @Test
    void retargetSendsNewLinksElsewhere() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            other.setSoTimeout((int) WAIT.toMillis());
            proxy.retarget(other.getLocalPort());
            try (Socket client = connect(); Socket target = other.accept()) {
                send(target, "moved");
                assertThat(read(client, 5)).isEqualTo("moved");
            }
        }
    }

    @Test
    void aTargetThatRefusesClosesTheClient() throws IOException {
        int dead;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            dead = gone.getLocalPort();
        }
        proxy.retarget(dead);
        try (Socket client = connect()) {
            assertClosed(client);
        }
        assertThat(proxy.links()).isZero();
    }
}
