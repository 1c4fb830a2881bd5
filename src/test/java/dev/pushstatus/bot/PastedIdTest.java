package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pasted id may end a sentence inside or outside its quotes, with an ASCII or an ideographic
 * full stop; each of the four places is forgiven, and anything more is not an id.
 */
class PastedIdTest {

    final CommandParser parser = new CommandParser(CommandRegistry.standard());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ps \"123\".", "/ps \"123\"。", "/ps '123.'", "/ps “123。”", "/ps 「123」。", "/ps 『123。』"})
    void aFullStopInsideOrOutsideTheQuotesIsDropped(String text) {
        assertThat(parser.parse(text)).isEqualTo(new Command.PushStatus("123"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/ps 12.3       | NOT_AN_ID",
            "/ps .123       | NOT_AN_ID",
            "/ps \"12\"3    | NOT_AN_ID",
            "/ps 1 2        | TOO_MANY_ARGUMENTS",
            "/ps \"\"       | NOT_AN_ID",
            "/ps 。         | NOT_AN_ID"})
    void anythingElseAroundTheDigitsIsNoId(String text, Command.Problem problem) {
        assertThat(parser.parse(text)).isEqualTo(new Command.Usage(CommandRegistry.PUSH_STATUS, problem));
    }
}
