package dev.redisfromscratch.testkit.blackbox;

/** Expected replies written out, for {@link WireClient#expect}. */
public final class Reply {
    private Reply() {}

    /**
     * A bulk string reply, {@code $<len>\r\n <payload> \r\n}; the length counts bytes (one per
     * Latin-1 char here). Redis: {@code networking.c}, {@code addReplyBulk}.
     */
    public static String bulk(String payload) {
        return "$" + payload.length() + "\r\n" + payload + "\r\n";
    }
}
