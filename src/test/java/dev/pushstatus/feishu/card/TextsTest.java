package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, -1, -1_234_567, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Long.MAX_VALUE})
    void groupedCountsMatchTheJdksOwnGrouping(long n) {
        assertThat(Texts.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }

    /** Expected values worked out by hand: 1/3 is 33.3 %, 2/3 is 66.7 % (rounds up), 7/3 is 233.3 %. */
    @ParameterizedTest
    @CsvSource({"0, 0%", "1, 33%", "2, 67%", "3, 100%", "7, 233%", "10, 333%"})
    void percentagesRoundToTheNearestWholePercent(int part, String expected) {
        assertThat(Texts.percent(part, 3)).isEqualTo(expected);
    }

    @Test
    void halfAPercentRoundsUp() {
        assertThat(Texts.percent(1, 200)).isEqualTo("1%");
        assertThat(Texts.percent(199, 200)).as("short of all is never called all").isEqualTo("99%");
    }

    @Test
    void percentagesNeverDivideByZeroOrGuess() {
        assertThat(Texts.percent(5, 0)).isEmpty();
        assertThat(Texts.percent(0, 0)).isEmpty();
        assertThat(Texts.percent(null, 3)).isEmpty();
        assertThat(Texts.percent(3, null)).isEmpty();
    }
}
