package dev.redisfromscratch.keys;

/**
 * Redis's glob-style patterns over bytes, as {@code KEYS} and {@code SCAN ... MATCH} use them:
 *
 * <ul>
 *   <li>{@code *} any run of bytes, empty included; {@code ?} any one byte;
 *   <li>{@code [abc]} one of the bytes listed; {@code [^abc]} any byte but those; {@code [a-z]} a
 *       range (a reversed one, {@code [z-a]}, is the same range); {@code \x} inside a class is
 *       {@code x} itself;
 *   <li>{@code \x} outside a class: {@code x} itself, so {@code \*} matches a star;
 *   <li>anything else: that byte.
 * </ul>
 *
 * <p>The edges are Redis's, byte for byte, since a client sees them: a class left open
 * ({@code [ab}) ends at the end of the pattern; {@code [^} alone matches any one byte and
 * {@code [} alone nothing; a {@code \} at the very end matches a backslash; bytes compare as C's
 * signed {@code char}, so a range such as {@code [a-\xff]} runs from {@code \xff} (-1) to {@code a}.
 * An empty text matches only an empty pattern or one made of stars, and the pattern is applied to
 * the whole text, not to a part of it.
 *
 * <p>The matcher backtracks on {@code *}, but gives up on the rest of a pattern as soon as a later
 * star could not match anywhere (Redis 7.0.10's fix against exponential patterns such as
 * {@code a*a*a*a*b}).
 *
 * <p>Redis: {@code util.c}, {@code stringmatchlen} and {@code stringmatchlen_impl}. Lab 3's
 * {@code introspection.GlobPattern} is the same idea over text, for {@code CONFIG GET}'s parameter
 * names.
 */
public final class GlobPattern {
    private GlobPattern() {
    }

    /**
     * @param pattern the glob, as sent
     * @param text the bytes to test, a key
     * @return whether the whole {@code text} matches
     */
    public static boolean matches(byte[] pattern, byte[] text) {
        return match(pattern, 0, pattern.length, text, 0, text.length, new boolean[1]);
    }

    /**
     * {@code stringmatchlen_impl}, step for step: {@code p} and {@code plen} are the pattern's
     * position and what is left of it, {@code s} and {@code slen} the same for the text.
     * {@code p + plen} is always the pattern's length, so reading one byte past the end reads C's
     * terminating NUL ({@link #at}).
     */
    private static boolean match(byte[] pat, int p, int plen, byte[] str, int s, int slen, boolean[] skipLongerMatches) {
        while (plen > 0 && slen > 0) {
            switch (pat[p]) {
                case '*' -> {
                    while (plen > 0 && at(pat, p + 1) == '*') {
                        p++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true; // a final star matches the rest
                    }
                    while (slen > 0) {
                        if (match(pat, p + 1, plen - 1, str, s, slen, skipLongerMatches)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        s++;
                        slen--;
                    }
                    // The rest of the pattern matches nowhere in the rest of the text, so no earlier
                    // star can help by taking more: stop every level of the search.
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?' -> {
                    s++;
                    slen--;
                }
                case '[' -> {
                    p++;
                    plen--;
                    boolean not = at(pat, p) == '^';
                    if (not) {
                        p++;
                        plen--;
                    }
                    boolean matched = false;
                    while (true) {
                        if (at(pat, p) == '\\' && plen >= 2) {
                            p++;
                            plen--;
                            if (pat[p] == str[s]) {
                                matched = true;
                            }
                        } else if (at(pat, p) == ']') {
                            break;
                        } else if (plen == 0) {
                            p--; // the class was never closed: it ends with the pattern
                            plen++;
                            break;
                        } else if (plen >= 3 && pat[p + 1] == '-') {
                            int start = pat[p];      // signed, as C's char
                            int end = pat[p + 2];
                            int c = str[s];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            plen -= 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (pat[p] == str[s]) {
                            matched = true;
                        }
                        p++;
                        plen--;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    s++;
                    slen--;
                }
                default -> {
                    if (pat[p] == '\\' && plen >= 2) {
                        p++;
                        plen--; // an escaped byte is compared as it is
                    }
                    if (pat[p] != str[s]) {
                        return false;
                    }
                    s++;
                    slen--;
                }
            }
            p++;
            plen--;
            if (slen == 0) {
                while (at(pat, p) == '*') { // trailing stars match the empty rest
                    p++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }

    /** The pattern's byte at {@code i}, or 0 past its end (C's terminating NUL). */
    private static byte at(byte[] pat, int i) {
        return i < pat.length ? pat[i] : 0;
    }
}
