package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Escaping untrusted text for lark_md, and cutting it without splitting characters. */
class MarkdownTest {

    @ParameterizedTest
    @CsvSource(delimiter = ' ', quoteCharacter = '"', value = {
            "& &amp;", "< &lt;", "> &gt;", "* &#42;", "_ &#95;", "~ &#126;", "[ &#91;", "] &#93;", "( &#40;",
            ") &#41;", "` &#96;", "# &#35;", "| &#124;", "\\ &#92;", "@ &#64;"})
    void escapesEveryMarkupCharacter(String raw, String escaped) {
        assertThat(Markdown.escape(raw, 40)).isEqualTo(escaped);
    }

    @Test
    void escapesAMentionAndALink() {
        assertThat(Markdown.escape("<at id=all></at> [l](https://e.x)", 100))
                .isEqualTo("&lt;at id=all&gt;&lt;/at&gt; &#91;l&#93;&#40;https://e.x&#41;");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(Markdown.escape("测试推送任务 Push-42: ok!", 40)).isEqualTo("测试推送任务 Push-42: ok!");
    }

    @Test
    void lineBreaksAndTabsBecomeSpaces() {
        assertThat(Markdown.escape("a\nb\r\nc\td", 40)).isEqualTo("a b  c d");
    }

    @Test
    void nullIsEmpty() {
        assertThat(Markdown.escape(null, 40)).isEmpty();
    }

    @Test
    void cutsBeforeEscapingSoNoEntityIsCutInHalf() {
        assertThat(Markdown.escape("abcd<<<<<<", 6)).isEqualTo("abcd&lt;…");
    }

    @Test
    void shortTextIsNotCut() {
        assertThat(Markdown.truncate("abc", 3)).isEqualTo("abc");
        assertThat(Markdown.truncate("", 3)).isEmpty();
    }

    @Test
    void longTextIsCutToTheLimitIncludingTheEllipsis() {
        assertThat(Markdown.truncate("abcdefgh", 5)).isEqualTo("abcd…");
    }

    @Test
    void emojiAreNeverSplit() {
        String emoji = "😀".repeat(50);

        String cut = Markdown.truncate(emoji, 40);

        assertThat(cut).isEqualTo("😀".repeat(39) + "…");
        assertThat(loneSurrogates(cut)).isZero();
    }

    @Test
    void aCutRightAfterAnEmojiKeepsItWhole() {
        String cut = Markdown.truncate("ab😀cdef", 4);

        assertThat(cut).isEqualTo("ab😀…");
        assertThat(loneSurrogates(cut)).isZero();
    }

    @Test
    void emojiTextShorterThanTheLimitInCodePointsIsKept() {
        assertThat(Markdown.truncate("😀😀😀", 4)).isEqualTo("😀😀😀");
    }

    @Test
    void emojiTextOfExactlyTheLimitInCodePointsIsKept() {
        assertThat(Markdown.truncate("😀😀😀", 3)).isEqualTo("😀😀😀");
        assertThat(Markdown.truncate("ab😀", 3)).isEqualTo("ab😀");
    }

    private static long loneSurrogates(String s) {
        return s.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE).count();
    }

    @Test
    void bidirectionalOverridesAndLineSeparatorsNeverReachACard() {
        String hostile = "invoice\u202Egnp.exe\u2028line\u2029para\u2066iso\u2069\u200Fx";
        assertThat(Markdown.escape(hostile, 100)).isEqualTo("invoice gnp.exe line para iso  x");
        assertThat(Markdown.plain(hostile, 100)).isEqualTo("invoice gnp.exe line para iso  x");
    }

    @Test
    void joinersInsideEmojiAndScriptsAreKept() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(Markdown.escape(family, 100)).isEqualTo(family);
        assertThat(Markdown.plain("\u0645\u200C\u06CC", 100)).isEqualTo("\u0645\u200C\u06CC");
    }
}
