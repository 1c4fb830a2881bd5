package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parser's strip removes white space and every Unicode separator at both ends, and only there. */
class StripTest {

    @Test
    void stripsSpacesAndSeparatorsAtBothEnds() {
        assertThat(CommandParser.strip(" \u00A0\u3000/ps 1\u2003\t\u00A0 ")).isEqualTo("/ps 1");
        assertThat(CommandParser.strip("/ps\u00A01")).isEqualTo("/ps\u00A01");
        assertThat(CommandParser.strip("\u3000\u3000")).isEmpty();
        assertThat(CommandParser.strip("")).isEmpty();
    }

    @Test
    void aCommandEndingInASeparatorTheWordSplitDoesNotKnowStillParses() {
        // U+001F counts as white space for Java, not for the word split: only the strip removes it.
        CommandParser parser = new CommandParser(CommandRegistry.standard());

        assertThat(parser.parse("/ps 12\u001F")).isEqualTo(new Command.PushStatus("12"));
    }
}
