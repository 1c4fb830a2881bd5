package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.FeishuJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sandbox's samples place their times relative to the clock's now, so each stage can be seen on any day. */
class NotificationFixturesTest {

    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09Z");
    private static final NotificationFixtures SEEDED =
            NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Instant time(String id, String field) {
        return Instant.ofEpochMilli(Long.parseLong(SEEDED.find(id).orElseThrow().path("notification").path(field).asText()));
    }

    @Test
    void theStageSamplesAreRelativeToNow() {
        assertThat(time("7301402215380811001", "send_at")).as("scheduled in 3 h").isEqualTo(NOW.plus(Duration.ofMinutes(200)));
        assertThat(time("7301402215380811009", "send_at")).as("sending").isEqualTo(NOW.minus(Duration.ofMinutes(25)));
        assertThat(time("7301402215380811008", "send_at")).as("delivered").isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(time("7301402215380811010", "send_at")).as("overdue").isEqualTo(NOW.minus(Duration.ofDays(6)));
        assertThat(SEEDED.find("7301402215380811011").orElseThrow().path("notification").path("send_at").asText())
                .as("not sent yet: no send time").isEmpty();
        assertThat(time("7301402215380811011", "created_at")).isEqualTo(NOW.minus(Duration.ofHours(5)));
    }

    @Test
    void theApiDocumentsExampleKeepsItsOwnTimes() {
        assertThat(time("6981801914270744596", "send_at")).isEqualTo(Instant.ofEpochMilli(1626332244719L));
    }

    @Test
    void everyRelativeFormAndNothingElse() {
        assertThat(NotificationFixtures.relative("now", NOW, "x")).isEqualTo(NOW);
        assertThat(NotificationFixtures.relative("now+30s", NOW, "x")).isEqualTo(NOW.plusSeconds(30));
        assertThat(NotificationFixtures.relative("now-20m", NOW, "x")).isEqualTo(NOW.minusSeconds(1_200));
        for (String bad : new String[] {"now+3", "now*3h", "now+3w", "now+h", "later", "now+1234567d"}) {
            assertThatThrownBy(() -> NotificationFixtures.relative(bad, NOW, "x.json")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.json");
        }
    }
}
