package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far delivery came, judged from target, sent and the send time; it sets the header colour and words. */
class ProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static Notification n(Integer target, Integer sent, Instant sendAt) {
        return new Notification("1", "job", 0, null, null, null, null, target, sent, null, sendAt, 0, 0, null,
                List.of(), List.of(), List.of(), List.of(), null);
    }

    @ParameterizedTest(name = "target {0}, sent {1}, send time {2} s from now: {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "10   | 10   | null | DELIVERED",
            "10   | 11   | null | DELIVERED",
            "10   | 9    | null | SENDING",
            "null | 5    | null | SENDING",
            "0    | 3    | null | SENDING",
            "0    | 0    | null | NOT_SENT",
            "10   | 0    | 60   | SCHEDULED",
            "10   | 0    | 0    | NOT_SENT",
            "10   | 0    | -60  | NOT_SENT",
            "10   | null | 60   | SCHEDULED",
            "10   | null | null | UNKNOWN",
            "null | null | -60  | UNKNOWN"})
    void judgedFromTheCountsThenTheSendTime(Integer target, Integer sent, Long sendAtFromNow, Progress expected) {
        Instant sendAt = sendAtFromNow == null ? null : NOW.plusSeconds(sendAtFromNow);

        assertThat(Progress.of(n(target, sent, sendAt), NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}, {2} / {3}")
    @CsvSource(delimiter = '|', value = {
            "DELIVERED | green  | Sent to everyone          | 已全部送达",
            "SENDING   | blue   | Sending                   | 发送中",
            "SCHEDULED | wathet | Waiting for its send time | 等待发送",
            "NOT_SENT  | grey   | Not sent yet              | 尚未发送",
            "UNKNOWN   | grey   | Progress unknown          | 进度未知"})
    void eachProgressHasItsColourAndWords(Progress progress, String template, String en, String zh) {
        assertThat(progress.template()).isEqualTo(template);
        assertThat(progress.words(Lang.EN)).isEqualTo(en);
        assertThat(progress.words(Lang.ZH)).isEqualTo(zh);
    }
}
