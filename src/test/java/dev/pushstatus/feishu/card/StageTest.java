package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far a push came, judged from target, sent and the send time only; it sets the header colour and tag. */
class StageTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static Notification n(Integer target, Integer sent, Instant sendAt, Integer status) {
        return new Notification("1", "job", status, null, null, null, null, target, sent, null, sendAt, 0, 0, null,
                List.of(), List.of(), List.of(), List.of(), null);
    }

    @ParameterizedTest(name = "target {0}, sent {1}, send time {2} s from now: {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "10   | 10   | null    | DELIVERED",
            "10   | 11   | null    | DELIVERED",
            "10   | 9    | null    | SENDING",
            "null | 5    | null    | SENDING",
            "0    | 3    | null    | SENDING",
            "0    | 0    | null    | NOT_SENT",
            "10   | 0    | null    | NOT_SENT",
            "10   | 0    | 60      | SCHEDULED",
            "10   | 0    | 0       | SCHEDULED",
            "10   | 0    | -599    | SCHEDULED",
            "10   | 0    | -600    | OVERDUE",
            "10   | 0    | -518400 | OVERDUE",
            "null | 0    | -600    | OVERDUE",
            "0    | 0    | -600    | NOT_SENT",
            "10   | null | 60      | SCHEDULED",
            "10   | null | null    | UNKNOWN",
            "null | null | -600    | UNKNOWN"})
    void judgedFromTheCountsThenTheSendTime(Integer target, Integer sent, Long sendAtFromNow, Stage expected) {
        Instant sendAt = sendAtFromNow == null ? null : NOW.plusSeconds(sendAtFromNow);

        assertThat(Stage.of(n(target, sent, sendAt, 0), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"0", "1", "2", "7", "-1"})
    void theStatusIntegerNeverChangesTheStage(int status) {
        assertThat(Stage.of(n(1, 1, NOW.minusSeconds(60), status), NOW)).isEqualTo(Stage.DELIVERED);
        assertThat(Stage.of(n(10, 0, null, status), NOW)).isEqualTo(Stage.NOT_SENT);
    }

    @ParameterizedTest(name = "{0}: {1} header, {2} tag, {3} / {4}")
    @CsvSource(delimiter = '|', value = {
            "DELIVERED | green  | green   | Delivered        | 已送达",
            "SENDING   | blue   | blue    | Sending          | 发送中",
            "SCHEDULED | wathet | wathet  | Scheduled        | 待发送",
            "OVERDUE   | orange | orange  | Overdue          | 已逾期",
            "NOT_SENT  | grey   | neutral | Not sent yet     | 未发送",
            "UNKNOWN   | grey   | neutral | Progress unknown | 进度未知"})
    void eachStageHasItsColoursAndWords(Stage stage, String template, String tagColor, String en, String zh) {
        assertThat(stage.template()).isEqualTo(template);
        assertThat(stage.tagColor()).isEqualTo(tagColor);
        assertThat(stage.word(Lang.EN)).isEqualTo(en);
        assertThat(stage.word(Lang.ZH)).isEqualTo(zh);
    }
}
