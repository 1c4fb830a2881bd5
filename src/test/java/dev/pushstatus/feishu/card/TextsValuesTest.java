package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each value on a status card is written, exactly, at the edges of its range. */
class TextsValuesTest {

    private static final Texts TEXTS = new Texts(ZoneId.of("Asia/Shanghai"), Map.of(0, "Draft", 7, "**x** <at id=all>"));
    private static final Texts UNLABELLED = new Texts(ZoneId.of("Asia/Shanghai"), Map.of());
    private static final Instant FETCHED = Instant.parse("2021-07-15T07:30:05Z");

    @Test
    void anUnknownTimeIsADash() {
        assertThat(TEXTS.time(null)).isEqualTo("-");
        assertThat(TEXTS.timeAndAge(null, FETCHED, Lang.EN)).isEqualTo("-");
    }

    @Test
    void timesAreInTheConfiguredZoneToTheMinuteAndTheClockToTheSecond() {
        assertThat(TEXTS.time(FETCHED)).isEqualTo("2021-07-15 15:30 CST");
        assertThat(TEXTS.timeAndAge(FETCHED, FETCHED.plusSeconds(180), Lang.EN)).isEqualTo("2021-07-15 15:30 CST (3 min ago)");
        assertThat(TEXTS.timeAndAge(FETCHED, FETCHED.plusSeconds(180), Lang.ZH)).isEqualTo("2021-07-15 15:30 CST (3 分钟前)");
        assertThat(TEXTS.clock(FETCHED)).isEqualTo("15:30:05 CST");
    }

    @ParameterizedTest(name = "{0} of {1}: [{2}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0    | 1    | ░░░░░░░░░░",
            "1    | 1    | ██████████",
            "1    | 3    | ███░░░░░░░",
            "2    | 3    | ███████░░░",
            "1    | 20   | █░░░░░░░░░",
            "1    | 21   | ░░░░░░░░░░",
            "5    | 3    | ██████████",
            "-1   | 3    | ░░░░░░░░░░",
            "1    | 0    | ''",
            "1    | -1   | ''",
            "null | 3    | ''",
            "3    | null | ''"})
    void theBarHasTenCellsRoundedAndIsEmptyWithoutAPositiveWhole(Integer part, Integer whole, String bar) {
        assertThat(Texts.bar(part, whole)).isEqualTo(bar);
    }

    @ParameterizedTest(name = "{0} of {1}: [{2}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "2    | 3    | 67%",
            "1    | 200  | 1%",
            "1    | 201  | 0%",
            "7    | 5    | 140%",
            "1    | 0    | ''",
            "1    | -4   | ''",
            "null | 3    | ''",
            "3    | null | ''"})
    void percentagesRoundHalfUpAndNeedAPositiveWhole(Integer part, Integer whole, String percent) {
        assertThat(Texts.percent(part, whole)).isEqualTo(percent);
    }

    @ParameterizedTest(name = "{0} ms: {1} s")
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "4200, 5", "12000, 12"})
    void aWaitIsWholeSecondsRoundedUpAndAtLeastOne(long millis, long seconds) {
        assertThat(Texts.secondsToWait(Duration.ofMillis(millis))).isEqualTo(seconds);
    }

    @Test
    void countsAreGroupedOrADash() {
        assertThat(Texts.count(null)).isEqualTo("-");
        assertThat(Texts.count(0)).isEqualTo("0");
        assertThat(Texts.count(1_234)).isEqualTo("1,234");
        assertThat(Texts.grouped(100)).isEqualTo("100");
        assertThat(Texts.grouped(-1_000)).isEqualTo("-1,000");
    }

    @Test
    void anUnknownStatusIsADash() {
        assertThat(TEXTS.status(null, Progress.UNKNOWN, Lang.EN)).isEqualTo("-");
        assertThat(TEXTS.status(null, Progress.DELIVERED, Lang.ZH)).isEqualTo("-");
    }

    @Test
    void anOperatorsLabelWinsEscapedAndWithTheNumber() {
        assertThat(TEXTS.status(0, Progress.DELIVERED, Lang.EN)).isEqualTo("Draft (0)");
        assertThat(TEXTS.status(7, Progress.SENDING, Lang.ZH)).isEqualTo("&#42;&#42;x&#42;&#42; &lt;at id=all&gt; (7)");
    }

    @ParameterizedTest(name = "status 0 while {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "NOT_SENT  | status 0 (probably a draft) | 状态 0（可能是草稿）",
            "SCHEDULED | status 0 (probably a draft) | 状态 0（可能是草稿）",
            "UNKNOWN   | status 0 (probably a draft) | 状态 0（可能是草稿）",
            "SENDING   | status 0                    | 状态 0",
            "DELIVERED | status 0                    | 状态 0"})
    void statusZeroIsProbablyADraftOnlyWhileNothingWasSent(Progress progress, String en, String zh) {
        assertThat(UNLABELLED.status(0, progress, Lang.EN)).isEqualTo(en);
        assertThat(UNLABELLED.status(0, progress, Lang.ZH)).isEqualTo(zh);
    }

    @Test
    void anyOtherStatusIsItsNumber() {
        assertThat(UNLABELLED.status(2, Progress.NOT_SENT, Lang.EN)).isEqualTo("status 2");
        assertThat(UNLABELLED.status(-1, Progress.NOT_SENT, Lang.ZH)).isEqualTo("状态 -1");
        assertThat(TEXTS.status(3, Progress.NOT_SENT, Lang.EN)).isEqualTo("status 3");
    }

    @ParameterizedTest(name = "push type {0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null | -                    | -",
            "0    | Scheduled            | 定时推送",
            "1    | New staff onboarding | 新人入职推送",
            "2    | type 2               | 类型 2",
            "-1   | type -1              | 类型 -1"})
    void pushTypes(Integer type, String en, String zh) {
        assertThat(Texts.pushType(type, Lang.EN)).isEqualTo(en);
        assertThat(Texts.pushType(type, Lang.ZH)).isEqualTo(zh);
    }

    @ParameterizedTest(name = "scope {0} / new staff {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null | 1    | -                                 | -",
            "0    | null | All members                       | 组织内全部成员",
            "1    | null | Chats only                        | 仅推送到群",
            "2    | null | Selected users and departments    | 指定成员和部门",
            "3    | null | All new staff                     | 全部入职新人",
            "3    | 0    | All new staff                     | 全部入职新人",
            "3    | 1    | New staff in selected departments | 指定部门的入职新人",
            "3    | 2    | All new staff                     | 全部入职新人",
            "4    | 1    | scope 4                           | 范围 4"})
    void scopes(Integer scope, Integer newStaffScope, String en, String zh) {
        assertThat(Texts.scope(scope, newStaffScope, Lang.EN)).isEqualTo(en);
        assertThat(Texts.scope(scope, newStaffScope, Lang.ZH)).isEqualTo(zh);
    }
}
