package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly which characters never reach a card: each end of each range of bidirectional controls
 * and each single one is inert, and the characters just beside them are not.
 */
class InertCharacterEdgesTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001F", "007F", "009F", "2028", "2029", "202A", "202E", "2066", "2069", "200E",
            "200F", "061C"})
    void isInert(String hex) {
        assertThat(Markdown.inert((char) Integer.parseInt(hex, 16))).isTrue();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0020", "00A0", "2027", "202F", "2065", "206A", "200D", "2010", "061B", "061D"})
    void isNotInert(String hex) {
        assertThat(Markdown.inert((char) Integer.parseInt(hex, 16))).isFalse();
    }
}
