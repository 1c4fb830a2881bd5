package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    final CommandParser parser = new CommandParser(CommandRegistry.standard());

    @ParameterizedTest
    @ValueSource(strings = {
        "/push-status 6981801914270744596", "/ps 6981801914270744596", "/PUSH-STATUS 6981801914270744596",
        "  /push-status    6981801914270744596  ", "/push-status\u30006981801914270744596", "／push-status 6981801914270744596",
        "/push-status \"6981801914270744596\"", "/push-status '6981801914270744596'", "/push-status “6981801914270744596”",
        "/push-status 「6981801914270744596」", "/push-status 6981801914270744596.", "/push-status 6981801914270744596。",
        "@PushBot /push-status 6981801914270744596", "/Ps \"6981801914270744596\".",
        "/push-status\u00a06981801914270744596", "\u00a0/ps\u202f6981801914270744596\u00a0", "/ps\u20076981801914270744596",
        "@a @b\u00a0@c /ps 6981801914270744596"})
    void forgivesWhatCopyAndPasteAdds(String text) {
        assertThat(parser.parse(text)).isEqualTo(new Command.PushStatus("6981801914270744596"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/push-status|MISSING_ARGUMENT", "/ps   |MISSING_ARGUMENT", "/push-status 1 OR 1|TOO_MANY_ARGUMENTS",
        "/push-status abc|NOT_AN_ID", "/push-status 123abc|NOT_AN_ID", "/push-status ../../x|NOT_AN_ID",
        "/push-status 1%2F2|NOT_AN_ID", "/push-status ١٢٣|NOT_AN_ID", "/push-status １２３|NOT_AN_ID",
        "/push-status 123456789012345678901234567890123|NOT_AN_ID", "/push-status -1|NOT_AN_ID",
        "/help me|UNEXPECTED_ARGUMENT"})
    void refusesAnythingElseWithTheUsage(String text, Command.Problem problem) {
        assertThat(parser.parse(text)).isInstanceOfSatisfying(Command.Usage.class,
                usage -> assertThat(usage.problem()).isEqualTo(problem));
    }

    @Test
    void thirtyTwoDigitsIsTheLongestId() {
        assertThat(parser.parse("/ps " + "9".repeat(32))).isEqualTo(new Command.PushStatus("9".repeat(32)));
    }

    @Test
    void helpAndNonCommands() {
        assertThat(parser.parse("/help")).isEqualTo(new Command.Help());
        assertThat(parser.parse("/HELP ")).isEqualTo(new Command.Help());
        assertThat(parser.parse(null)).isEqualTo(new Command.NotACommand());
        assertThat(parser.parse("")).isEqualTo(new Command.NotACommand());
        assertThat(parser.parse("hello")).isEqualTo(new Command.NotACommand());
        assertThat(parser.parse("/unknown 1")).isEqualTo(new Command.NotACommand());
        assertThat(parser.parse("/")).isEqualTo(new Command.NotACommand());
    }

    @Test
    void whateverTheInputAnAcceptedIdIsOneTo32AsciiDigits() {
        Random random = new Random(42);
        String alphabet = "0123456789 /ps-tuaPS\"'.。／\u3000１٣abc%&<>@\n\t";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() || i % 3 == 0 ? "/ps " : "");
            if (i % 3 == 0) {
                // Near misses and hits: digits wrapped in what copy and paste adds, or in a stray character.
                String around = "\"'“”「」.。 \u3000a1١";
                text.append(around.charAt(random.nextInt(around.length())));
                for (int j = random.nextInt(36); j >= 0; j--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
                text.append(around.charAt(random.nextInt(around.length())));
            } else {
                int length = random.nextInt(40);
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            if (parser.parse(text.toString()) instanceof Command.PushStatus status) {
                accepted++;
                assertThat(status.notificationId()).matches("[0-9]{1,32}");
            }
        }
        // The check above runs only for accepted inputs: without enough of them it proves nothing.
        assertThat(accepted).as("inputs parsed as /push-status").isGreaterThan(1_000);
    }

    @Test
    void thousandsOfLeadingAtWordsNeitherOverflowTheStackNorHideACommandInReach() {
        // Each "@a " was one level of regex recursion: a few thousand overflowed the stack.
        assertThat(parser.parse("@a ".repeat(8_000) + "/push-status 1")).isEqualTo(new Command.NotACommand());
        assertThat(parser.parse("@a ".repeat(300) + "/push-status 1")).isEqualTo(new Command.PushStatus("1"));
    }

    @Test
    void onlyTheFirstThousandCharactersAreRead() {
        String padding = " ".repeat(CommandParser.MAX_TEXT - "/ps 12".length());
        assertThat(parser.parse("/ps 12" + padding + "3")).isEqualTo(new Command.PushStatus("12"));
        assertThat(parser.parse(padding + "/ps 12")).isEqualTo(new Command.PushStatus("12"));
        assertThat(parser.parse(padding + " /ps 12")).as("the last digit is past the bound")
                .isEqualTo(new Command.PushStatus("1"));
    }

    @Test
    void leadingMentionsAreDroppedOnlyWhenTheyAreWholeWords() {
        assertThat(CommandParser.withoutLeadingMentions("@a @b /ps 1")).isEqualTo("/ps 1");
        assertThat(CommandParser.withoutLeadingMentions("@ /ps 1")).isEqualTo("@ /ps 1");
        assertThat(CommandParser.withoutLeadingMentions("@alone")).isEqualTo("@alone");
        assertThat(CommandParser.withoutLeadingMentions("a@b /ps 1")).isEqualTo("a@b /ps 1");
        assertThat(CommandParser.withoutLeadingMentions("@a\u3000@b\t/ps 1")).isEqualTo("/ps 1");
    }
}
