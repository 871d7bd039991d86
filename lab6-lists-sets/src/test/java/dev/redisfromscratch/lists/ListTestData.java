package dev.redisfromscratch.lists;

import dev.redisfromscratch.encoding.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the list tests that work on the values themselves ({@code ListValueTest},
 * {@code QuicklistTest}, {@code ListOpsTest}) share: elements from text, limits with a given
 * {@code list-max-listpack-size}, and a list's elements back as text.
 */
final class ListTestData {
    private ListTestData() {
    }

    /** @return {@code s}'s bytes (US-ASCII), as an element */
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the default limits but for {@code list-max-listpack-size} (entries if positive, -1..-5 a node's bytes) */
    static EncodingLimits limits(int listMaxListpackSize) {
        EncodingLimits limits = EncodingLimits.defaults();
        limits.listMaxListpackSize(listMaxListpackSize);
        return limits;
    }

    /**
     * @param forEach a list's {@code forEach} ({@code list::forEach}), head to tail
     * @return the elements as text, one char per byte
     */
    static List<String> contents(Consumer<Consumer<byte[]>> forEach) {
        List<String> out = new ArrayList<>();
        forEach.accept(v -> out.add(new String(v, StandardCharsets.ISO_8859_1)));
        return out;
    }
}
