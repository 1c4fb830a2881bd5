package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "just now", "3 min ago", "in 5 h", "2 d ago", "5 mo ago", "5 y ago": the largest unit that
 * still says something, each from its first whole second, rounded down, in both languages and
 * both directions.
 */
class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @ParameterizedTest(name = "{0} s ago: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "0       | just now   | 刚刚",
            "1       | just now   | 刚刚",
            "59      | just now   | 刚刚",
            "60      | 1 min ago  | 1 分钟前",
            "119     | 1 min ago  | 1 分钟前",
            "3599    | 59 min ago | 59 分钟前",
            "3600    | 1 h ago    | 1 小时前",
            "7199    | 1 h ago    | 1 小时前",
            "172799  | 47 h ago   | 47 小时前",
            "172800  | 2 d ago    | 2 天前",
            "345599  | 3 d ago    | 3 天前",
            "5183999 | 59 d ago   | 59 天前",
            "5184000 | 2 mo ago   | 2 个月前",
            "8640000 | 3 mo ago   | 3 个月前",
            "63071999| 24 mo ago  | 24 个月前",
            "63072000| 2 y ago    | 2 年前",
            "169832076| 5 y ago   | 5 年前"})
    void thePast(long secondsAgo, String en, String zh) {
        Instant when = NOW.minusSeconds(secondsAgo);

        assertThat(Texts.relative(when, NOW, Lang.EN)).isEqualTo(en);
        assertThat(Texts.relative(when, NOW, Lang.ZH)).isEqualTo(zh);
    }

    @ParameterizedTest(name = "in {0} s: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "59     | just now  | 刚刚",
            "60     | in 1 min  | 1 分钟后",
            "3599   | in 59 min | 59 分钟后",
            "3600   | in 1 h    | 1 小时后",
            "172799 | in 47 h   | 47 小时后",
            "172800 | in 2 d    | 2 天后",
            "5184000| in 2 mo   | 2 个月后",
            "63072000| in 2 y   | 2 年后"})
    void theFuture(long secondsAhead, String en, String zh) {
        Instant when = NOW.plusSeconds(secondsAhead);

        assertThat(Texts.relative(when, NOW, Lang.EN)).isEqualTo(en);
        assertThat(Texts.relative(when, NOW, Lang.ZH)).isEqualTo(zh);
    }
}
