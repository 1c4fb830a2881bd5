package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How each value on a status card is written, exactly, at the edges of its range. */
class TextsValuesTest {

    private static final Texts TEXTS = new Texts(ZoneId.of("Asia/Shanghai"), Map.of(0, "Draft", 7, "**x** <at id=all>"));
    private static final Texts UNLABELLED = new Texts(ZoneId.of("Asia/Shanghai"), Map.of());
    private static final Instant FETCHED = Instant.parse("2021-07-15T07:30:05Z");

    @Test
    void timesAreInTheConfiguredZoneToTheMinuteAndTheClockToTheSecond() {
        assertThat(TEXTS.time(FETCHED)).isEqualTo("2021-07-15 15:30 CST");
        assertThat(TEXTS.timeAndAge(FETCHED, FETCHED.plusSeconds(180), Lang.EN)).isEqualTo("2021-07-15 15:30 CST (3 min ago)");
        assertThat(TEXTS.timeAndAge(FETCHED, FETCHED.plusSeconds(180), Lang.ZH)).isEqualTo("2021-07-15 15:30 CST（3 分钟前）");
        assertThat(TEXTS.clock(FETCHED)).isEqualTo("15:30:05 CST");
    }

    @ParameterizedTest(name = "{0} of {1}: [{2}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "2    | 3    | 67%",
            "1    | 200  | 1%",
            "1    | 201  | <1%",
            "1    | 1000 | <1%",
            "0    | 1000 | 0%",
            "199  | 200  | 99%",
            "5188 | 5230 | 99%",
            "9999 | 10000| 99%",
            "200  | 200  | 100%",
            "7    | 5    | 140%",
            "1    | 0    | ''",
            "1    | -4   | ''",
            "null | 3    | ''",
            "3    | null | ''"})
    void percentagesRoundButNeverClaimAllOrNone(Integer part, Integer whole, String percent) {
        assertThat(Texts.percent(part, whole)).isEqualTo(percent);
    }

    @ParameterizedTest(name = "{0} ms: {1} s")
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "4200, 5", "12000, 12"})
    void aWaitIsWholeSecondsRoundedUpAndAtLeastOne(long millis, long seconds) {
        assertThat(Texts.secondsToWait(Duration.ofMillis(millis))).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 5_188, 123_456, 1_000_000, -1_234, Integer.MAX_VALUE})
    void countsAreWrittenAsEachLanguagesOwnNumberFormat(long n) {
        assertThat(Texts.number(n, Lang.EN)).isEqualTo(NumberFormat.getIntegerInstance(Locale.US).format(n));
        assertThat(Texts.number(n, Lang.ZH)).isEqualTo(NumberFormat.getIntegerInstance(Locale.SIMPLIFIED_CHINESE).format(n));
    }

    @Test
    void anAbsentValueIsSaidToBeAbsent() {
        assertThat(Texts.absent(Lang.EN)).isEqualTo("not reported");
        assertThat(Texts.absent(Lang.ZH)).isEqualTo("未提供");
        assertThat(TEXTS.status(null, Lang.EN)).isEqualTo("not reported");
    }

    @Test
    void anOperatorsLabelWinsEscapedAndWithTheNumber() {
        assertThat(TEXTS.status(0, Lang.EN)).isEqualTo("Draft (status 0)");
        assertThat(TEXTS.status(0, Lang.ZH)).isEqualTo("Draft（状态 0）");
        assertThat(TEXTS.status(7, Lang.EN)).isEqualTo("&#42;&#42;x&#42;&#42; &lt;at id=all&gt; (status 7)");
        assertThat(TEXTS.labelled(7)).isTrue();
        assertThat(TEXTS.labelled(3)).isFalse();
    }

    @Test
    void anyOtherStatusIsItsNumberWithNoGuessAtItsMeaning() {
        assertThat(UNLABELLED.status(0, Lang.EN)).isEqualTo("status 0");
        assertThat(UNLABELLED.status(2, Lang.EN)).isEqualTo("status 2");
        assertThat(UNLABELLED.status(-1, Lang.ZH)).isEqualTo("状态 -1");
        assertThat(TEXTS.status(3, Lang.EN)).isEqualTo("status 3");
    }
}
