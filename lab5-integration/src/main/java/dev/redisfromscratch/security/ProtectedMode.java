package dev.redisfromscratch.security;

import dev.redisfromscratch.config.ServerConfig;

/**
 * Redis's protected mode: with {@code protected-mode yes} (the default) and no password, only
 * clients connecting from the loopback address are served. Any other client is sent
 * {@link #DENIED}, which explains how to fix it, and is closed at once; it counts in
 * {@code rejected_connections}.
 *
 * <p>"Loopback" means exactly {@code 127.0.0.1} or {@code ::1}, as Redis compares the peer's
 * address as a string: a client connecting from {@code 127.0.0.2} is refused too. The bind address
 * does not matter (Redis 7.0 checks whatever it listens on); binding to loopback only, the default,
 * is what keeps other machines out in the first place.
 *
 * <p>Both parameters are read on each connection, so {@code CONFIG SET protected-mode no} and
 * {@code CONFIG SET requirepass} apply to the next one.
 *
 * <p>Redis: {@code networking.c}, {@code clientAcceptHandler} and {@code islocalClient}.
 */
public final class ProtectedMode {
    /** Redis 7.0.15's reply to a refused client, byte for byte (its typo "a an" included). */
    public static final String DENIED = "-DENIED Redis is running in protected mode because protected "
            + "mode is enabled and no password is set for the default user. "
            + "In this mode connections are only accepted from the loopback interface. "
            + "If you want to connect from external computers to Redis you "
            + "may adopt one of the following solutions: "
            + "1) Just disable protected mode sending the command "
            + "'CONFIG SET protected-mode no' from the loopback interface "
            + "by connecting to Redis from the same host the server is "
            + "running, however MAKE SURE Redis is not publicly accessible "
            + "from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. "
            + "2) Alternatively you can just disable the protected mode by "
            + "editing the Redis configuration file, and setting the protected "
            + "mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart "
            + "it with the '--protected-mode no' option. "
            + "4) Setup a an authentication password for the default user. "
            + "NOTE: You only need to do one of the above things in order for "
            + "the server to start accepting connections from the outside.\r\n";

    private ProtectedMode() {
    }

    /**
     * @param config {@code protected-mode} and {@code requirepass}
     * @param peerIp the client's IP address ({@code InetAddress.getHostAddress()})
     * @return {@link #DENIED} if the client must be refused, else {@code null}
     */
    public static String refusal(ServerConfig config, String peerIp) {
        boolean on = "yes".equals(config.all().get("protected-mode"));
        boolean noPassword = config.all().getOrDefault("requirepass", "").isEmpty();
        return on && noPassword && !isLoopback(peerIp) ? DENIED : null;
    }

    /** @return whether Redis counts {@code ip} as local: {@code 127.0.0.1} or {@code ::1} exactly */
    static boolean isLoopback(String ip) {
        return ip.equals("127.0.0.1") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1");
    }
}
