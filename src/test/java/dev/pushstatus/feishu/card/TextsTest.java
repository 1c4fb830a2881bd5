package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, -1, -1_234_567, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Long.MAX_VALUE})
    void groupedCountsMatchTheJdksOwnGrouping(long n) {
        assertThat(Texts.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 10})
    void percentagesRoundAndNeverDivideByZero(int part) {
        assertThat(Texts.percent(part, 3)).isEqualTo(Math.round(100.0 * part / 3) + "%");
        assertThat(Texts.percent(part, 0)).isEmpty();
        assertThat(Texts.percent(null, 3)).isEmpty();
    }
}
