package dev.redisfromscratch.glob;

/**
 * Redis's glob-style patterns over raw bytes, exactly as {@code stringmatchlen} matches them:
 * {@code PSUBSCRIBE} and {@code PUBSUB CHANNELS} here, {@code KEYS} and {@code SCAN MATCH}
 * elsewhere.
 *
 * <ul>
 *   <li>{@code *} any run of bytes, {@code ?} any one byte;
 *   <li>{@code [abc]}, {@code [a-z]} (a reversed range {@code [z-a]} is the same range),
 *       {@code [^a]} a class; {@code \x} inside a class is {@code x}; a class left open runs to the
 *       end of the pattern;
 *   <li>{@code \x} the byte {@code x} itself.
 * </ul>
 *
 * <p>Two of Redis's edges, kept on purpose: the empty string matches no pattern that has anything
 * in it, not even {@code *} (so {@code PSUBSCRIBE *} does not receive {@code PUBLISH ""}); and in a
 * class, {@code a-]} is a range up to {@code ]}, so {@code [b-]} matches {@code ]}. Bytes are
 * compared as C's signed {@code char}s, as Redis's ranges are on x86. A failed {@code *} stops the
 * search for longer matches of earlier {@code *}s, so a pattern such as {@code a*a*a*a*b} against a
 * long run of {@code a}s takes linear time, not exponential.
 *
 * <p>Redis: {@code util.c}, {@code stringmatchlen} and {@code stringmatchlen_impl} (7.0.15, with
 * {@code skipLongerMatches}).
 */
public final class GlobPattern {
    private GlobPattern() {
    }

    /**
     * @param pattern the glob, any bytes
     * @param text the bytes to test
     * @param ignoreCase whether ASCII letters match regardless of case ({@code CONFIG GET} does;
     *     channels and keys do not)
     * @return whether the whole of {@code text} matches the whole of {@code pattern}
     */
    public static boolean matches(byte[] pattern, byte[] text, boolean ignoreCase) {
        return match(pattern, 0, pattern.length, text, 0, text.length, ignoreCase, new boolean[1]);
    }

    /**
     * One pass of {@code stringmatchlen_impl}: {@code pi}/{@code plen} and {@code si}/{@code slen}
     * are where the rest of the pattern and of the text start, and how long they are.
     */
    private static boolean match(byte[] p, int pi, int plen, byte[] s, int si, int slen,
                                 boolean nocase, boolean[] skipLongerMatches) {
        while (plen > 0 && slen > 0) {
            switch (at(p, pi)) {
                case '*' -> {
                    while (plen > 0 && at(p, pi + 1) == '*') {
                        pi++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true; // a trailing * matches the rest
                    }
                    while (slen > 0) {
                        if (match(p, pi + 1, plen - 1, s, si, slen, nocase, skipLongerMatches)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        si++;
                        slen--;
                    }
                    // The rest of the pattern matches nowhere in the rest of the text: an earlier *
                    // taking more of the text cannot help either.
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?' -> {
                    si++;
                    slen--;
                }
                case '[' -> {
                    pi++;
                    plen--;
                    boolean not = at(p, pi) == '^';
                    if (not) {
                        pi++;
                        plen--;
                    }
                    boolean match = false;
                    while (true) {
                        if (at(p, pi) == '\\' && plen >= 2) {
                            pi++;
                            plen--;
                            if (at(p, pi) == s[si]) {
                                match = true;
                            }
                        } else if (at(p, pi) == ']') {
                            break;
                        } else if (plen == 0) {
                            pi--; // an unclosed class: it ends with the pattern
                            plen++;
                            break;
                        } else if (plen >= 3 && at(p, pi + 1) == '-') {
                            int start = at(p, pi);
                            int end = at(p, pi + 2);
                            int c = s[si];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = lower(start);
                                end = lower(end);
                                c = lower(c);
                            }
                            pi += 2;
                            plen -= 2;
                            if (c >= start && c <= end) {
                                match = true;
                            }
                        } else if (same(at(p, pi), s[si], nocase)) {
                            match = true;
                        }
                        pi++;
                        plen--;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return false;
                    }
                    si++;
                    slen--;
                }
                default -> {
                    if (at(p, pi) == '\\' && plen >= 2) {
                        pi++; // \x is x itself
                        plen--;
                    }
                    if (!same(at(p, pi), s[si], nocase)) {
                        return false;
                    }
                    si++;
                    slen--;
                }
            }
            pi++;
            plen--;
            if (slen == 0) {
                while (at(p, pi) == '*') { // only stars left can match nothing
                    pi++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }

    /** {@code pattern[i]} as C reads it: a signed byte, and the terminating NUL past the end. */
    private static int at(byte[] p, int i) {
        return i < p.length ? p[i] : 0;
    }

    private static boolean same(int a, int b, boolean nocase) {
        return nocase ? lower(a) == lower(b) : a == b;
    }

    /** C's {@code tolower} in the "C" locale: only ASCII capitals change. */
    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
