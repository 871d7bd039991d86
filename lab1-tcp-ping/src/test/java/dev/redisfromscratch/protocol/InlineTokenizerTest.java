package dev.redisfromscratch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineTokenizerTest {

    private static List<String> split(String line) throws ProtocolException {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return InlineTokenizer.split(bytes, 0, bytes.length).stream()
                .map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitsOnRunsOfWhiteSpace() throws Exception {
        assertThat(split("  SET   key\tvalue  ")).containsExactly("SET", "key", "value");
    }

    @Test
    void blankLineHasNoArguments() throws Exception {
        assertThat(split("")).isEmpty();
        assertThat(split(" \t ")).isEmpty();
    }

    @Test
    void doubleQuotesGroupAndUnderstandEscapes() throws Exception {
        assertThat(split("SET k \"a b\\tc\\n\"")).containsExactly("SET", "k", "a b\tc\n");
        assertThat(split("ECHO \"\\x41\\x7a\"")).containsExactly("ECHO", "Az");
        assertThat(split("ECHO \"say \\\"hi\\\"\"")).containsExactly("ECHO", "say \"hi\"");
    }

    @Test
    void hexEscapeNeedsTwoHexDigitsElseBackslashTakesNextCharLiterally() throws Exception {
        assertThat(split("ECHO \"\\xZZ\"")).containsExactly("ECHO", "xZZ");
    }

    @Test
    void singleQuotesAreLiteralExceptEscapedQuote() throws Exception {
        assertThat(split("ECHO 'a\\nb'")).containsExactly("ECHO", "a\\nb");
        assertThat(split("ECHO 'it\\'s'")).containsExactly("ECHO", "it's");
    }

    @Test
    void quoteCanOpenInTheMiddleOfAnArgument() throws Exception {
        assertThat(split("ECHO a\"b c\"")).containsExactly("ECHO", "ab c");
    }

    @Test
    void emptyQuotesAreAnEmptyArgument() throws Exception {
        assertThat(split("SET k \"\"")).containsExactly("SET", "k", "");
    }

    @Test
    void nulByteEndsTheLineAsInC() throws Exception {
        assertThat(split("ECHO ab\0cd")).containsExactly("ECHO", "ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET k \"abc", "SET k 'abc", "ECHO \"a\"b", "ECHO 'a'b", "ECHO \"ends with backslash\\"})
    void unbalancedQuotesAreAProtocolError(String line) {
        assertThatThrownBy(() -> split(line))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("unbalanced quotes in request");
    }
}
