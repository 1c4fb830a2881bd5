package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target for {@link CommandParser#parse} and
 * {@link CommandParser#withoutLeadingMentions} (Jazzer; docs/fuzzing.md).
 *
 * <p>Invariants, for any text: no exception and no StackOverflowError; a parsed push-status id is
 * 1 to 32 ASCII digits; mention stripping returns a suffix of the text, starts from an {@code @}
 * when it drops anything, and drops nothing more when applied again; a leading {@code "@bot "}
 * changes nothing while the text stays within the parser's bound. Time per parse is bounded by
 * Jazzer's per-input timeout (the {@link Timeout} below), not by a timing assertion.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandParserFuzzTest {

    private static final CommandParser PARSER = new CommandParser(CommandRegistry.standard());

    /**
     * The input read twice: as UTF-8 (what a seed file says), and as raw UTF-16 code units, two
     * bytes each (lone surrogates and every separator character included).
     */
    // libFuzzer's dictionary syntax: printable ASCII, other bytes as \xNN (here the UTF-8 of a
    // full-width slash, a no-break and an ideographic space, a curly quote, a corner bracket, "。").
    @DictionaryEntries({"/push-status ", "/ps ", "/help", "\\xEF\\xBC\\x8F", "@a ", "\\xC2\\xA0", "\\xE3\\x80\\x80",
        "\\xE2\\x80\\x9C", "\\xE3\\x80\\x8C", "\\xE3\\x80\\x82", "12345678901234567890123456789012"})
    @FuzzTest
    void parse(byte[] data) {
        check(new String(data, StandardCharsets.UTF_8));
        char[] units = new char[data.length / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) (((data[2 * i] & 0xFF) << 8) | (data[2 * i + 1] & 0xFF));
        }
        check(new String(units));
    }

    private static void check(String text) {
        Command command = PARSER.parse(text);
        assertThat(command).isNotNull();
        if (command instanceof Command.PushStatus pushStatus) {
            String id = pushStatus.notificationId();
            assertThat(id).as("notification id").hasSizeBetween(1, 32);
            assertThat(id.chars().allMatch(c -> c >= '0' && c <= '9')).as("ASCII digits only: %s", id).isTrue();
        } else if (command instanceof Command.Usage usage) {
            assertThat(usage.spec()).isNotNull();
            assertThat(usage.problem()).isNotNull();
        }

        String stripped = CommandParser.withoutLeadingMentions(text);
        assertThat(text.endsWith(stripped)).as("a suffix of the text").isTrue();
        if (stripped.length() < text.length()) {
            assertThat(text).startsWith("@");
        }
        assertThat(CommandParser.withoutLeadingMentions(stripped)).as("stripping twice").isEqualTo(stripped);

        String mentioned = "@bot " + text;
        if (mentioned.length() <= CommandParser.MAX_TEXT) {
            assertThat(PARSER.parse(mentioned)).as("after a leading mention").isEqualTo(command);
        }
    }
}
