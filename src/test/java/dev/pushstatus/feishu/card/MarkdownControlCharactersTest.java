package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Control characters in untrusted text (NUL, ESC, DEL, C1 controls) become spaces, in lark_md and plain text alike. */
class MarkdownControlCharactersTest {

    private static final String CONTROLS = "a\u0000b\u001Bc\u007Fd\u0085e\u009Ff";

    @Test
    void escapedTextHasSpacesForControls() {
        assertThat(Markdown.escape(CONTROLS, 40)).isEqualTo("a b c d e f");
    }

    @Test
    void plainTextHasSpacesForControls() {
        assertThat(Markdown.plain(CONTROLS, 40)).isEqualTo("a b c d e f");
        assertThat(Markdown.plain("x\ny\tz", 40)).isEqualTo("x y z");
    }

    @Test
    void plainTextBreaksUpEveryTagAndKeepsTheRest() {
        assertThat(Markdown.plain("<at id=all></at> **x**", 40)).isEqualTo("<\u200Bat id=all><\u200B/at> **x**");
    }

    @Test
    void nullIsEmptyForPlainTextToo() {
        assertThat(Markdown.plain(null, 10)).isEmpty();
        assertThat(Markdown.escape(null, 10)).isEmpty();
    }
}
