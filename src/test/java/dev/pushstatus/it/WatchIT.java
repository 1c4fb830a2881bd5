package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.RecordedReply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /push-watch} end to end against the simulator: the live card, one PATCH when the numbers
 * change and none when they do not, Stop, a notification gone mid-watch, a bad duration. The bot's
 * clock is moved ahead instead of waiting a minute; its scheduler still runs on its own thread.
 */
class WatchIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    static final String HELPDESK = "/open-apis/helpdesk/v1/notifications/";
    static final ObjectMapper JSON = new ObjectMapper();
    BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BotHarness.encrypted();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    RecordedReply watchCard() throws Exception {
        assertThat(h.deliver(EventFactory.Message.groupMention("/pw " + SEED_ID + " 2h"))).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
        return h.sim.replies().get(0);
    }

    /** The card now in place of the bot's first reply (the simulator applies each PATCH to it). */
    JsonNode cardNow() throws Exception {
        return JSON.readTree(h.sim.replies().get(0).content());
    }

    static String english(JsonNode card) {
        return card.path("i18n_elements").path("en_us").toString();
    }

    void setReadCount(int read) {
        h.sim.fixtures().update(SEED_ID, data -> {
            ((ObjectNode) data.path("notification")).put("read_user_count", read);
            return data;
        });
    }

    /** Waits up to 5 s for the count to reach {@code atLeast}; the scheduler ticks every second. */
    static int awaitAtLeast(IntSupplier count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (count.getAsInt() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return count.getAsInt();
    }

    static Map<String, String> button(JsonNode card, String cmd) {
        for (JsonNode action : card.path("i18n_elements").path("en_us").findValues("actions")) {
            for (JsonNode b : action) {
                if (cmd.equals(b.path("value").path("cmd").asText())) {
                    Map<String, String> value = new LinkedHashMap<>();
                    b.path("value").fields().forEachRemaining(e -> value.put(e.getKey(), e.getValue().asText()));
                    return value;
                }
            }
        }
        throw new AssertionError("no " + cmd + " button on " + card);
    }

    @Test
    void numbersThatChangeAreOnePatchWithTheNewNumbersAndQuietChecksNone() throws Exception {
        RecordedReply card = watchCard();
        JsonNode live = JSON.readTree(card.content());
        assertThat(live.path("config").path("update_multi").asBoolean()).isTrue();
        assertThat(english(live)).contains("**Live**").contains("until");
        assertThat(button(live, "watch-stop")).containsEntry("id", SEED_ID);

        setReadCount(7);
        h.skipClockAhead(Duration.ofSeconds(61));
        assertThat(awaitAtLeast(h.sim::updates, 1)).isEqualTo(1);
        Thread.sleep(1_500); // a few more ticks: nothing else is due
        assertThat(h.sim.updates()).isEqualTo(1);
        assertThat(english(cardNow())).contains("**7**").contains("**Live**");

        int getsBefore = h.sim.calls(HELPDESK).size();
        h.skipClockAhead(Duration.ofSeconds(61));
        assertThat(awaitAtLeast(() -> h.sim.calls(HELPDESK).size(), getsBefore + 1)).isEqualTo(getsBefore + 1);
        Thread.sleep(1_500);
        assertThat(h.sim.updates()).as("looked up again, nothing changed: no PATCH").isEqualTo(1);
    }

    @Test
    void stopAnswersWithTheFinalCardAndNoLookupFollows() throws Exception {
        RecordedReply card = watchCard();
        Map<String, String> stop = button(JSON.readTree(card.content()), "watch-stop");

        BotHarness.Answer answer = h.post("/webhook/event",
                h.sealer.seal(h.events.cardAction(EventFactory.Click.on(card.newMessageId(), stop))));

        assertThat(answer.code()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("toast").path("type").asText()).isEqualTo("success");
        assertThat(english(body.path("card").path("data"))).contains("**Stopped**");
        assertThat(button(body.path("card").path("data"), "watch-again")).containsEntry("id", SEED_ID);
        int gets = h.sim.calls(HELPDESK).size();
        setReadCount(9);
        h.skipClockAhead(Duration.ofMinutes(5));
        Thread.sleep(2_000);
        assertThat(h.sim.calls(HELPDESK)).hasSize(gets);
        assertThat(h.sim.updates()).isZero();
    }

    @Test
    void aNotificationGoneMidWatchEndsItWithTheNoLongerFoundCard() throws Exception {
        watchCard();
        h.sim.fixtures().remove(SEED_ID);

        h.skipClockAhead(Duration.ofSeconds(61));

        assertThat(awaitAtLeast(h.sim::updates, 1)).isEqualTo(1);
        assertThat(english(cardNow())).contains("No longer found").doesNotContain("watch-stop");
        h.skipClockAhead(Duration.ofMinutes(5));
        Thread.sleep(1_500);
        assertThat(h.sim.updates()).as("the watch ended").isEqualTo(1);
    }

    @Test
    void aBadDurationGetsTheUsageCardAndNoWatch() throws Exception {
        assertThat(h.deliver(EventFactory.Message.groupMention("/pw " + SEED_ID + " forever"))).isEqualTo(200);

        assertThat(h.sim.replies()).singleElement().satisfies(reply ->
                assertThat(english(JSON.readTree(reply.content()))).contains("/push-watch").contains("30m"));
        assertThat(h.sim.calls(HELPDESK)).isEmpty();
    }

    @Test
    void onRedisAWatchSeesNewNumbersThatASharedCopyWouldHide() throws Exception {
        h.close();
        try (dev.pushstatus.store.RedisServer redis = dev.pushstatus.store.RedisServer.start()) {
            h = BotHarness.withEnv(Map.of("REDIS_URL", redis.url()));
            watchCard(); // its lookup left a copy in Redis for 30 s of Redis's own time
            setReadCount(8);

            h.skipClockAhead(Duration.ofSeconds(61));

            assertThat(awaitAtLeast(h.sim::updates, 1)).isEqualTo(1);
            assertThat(english(cardNow())).contains("**8**");
        }
    }

    @Test
    void theWatchShowsInMetrics() throws Exception {
        watchCard();
        setReadCount(3);
        h.skipClockAhead(Duration.ofSeconds(61));
        awaitAtLeast(h.sim::updates, 1);

        String metrics = h.get("/metrics").body();
        assertThat(metrics).contains("pushbot_watches_active 1.0").contains("pushbot_watch_updates_total 1.0");
    }
}
