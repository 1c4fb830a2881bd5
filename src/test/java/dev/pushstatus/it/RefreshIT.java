package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.RecordedReply;
import dev.pushstatus.feishu.sim.SealedRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Refresh button end to end: a status card, a click, fresh numbers in the same card. */
class RefreshIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    static final String HELPDESK = "/open-apis/helpdesk/v1/notifications/";
    private static final ObjectMapper JSON = new ObjectMapper();
    BotHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** Asks for the seed notification and returns the reply card the simulator received. */
    private RecordedReply statusCard() throws Exception {
        assertThat(h.deliver(EventFactory.Message.groupMention("/push-status " + SEED_ID))).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
        return h.sim.replies().get(0);
    }

    private static Map<String, String> refreshValue(RecordedReply card) throws Exception {
        JsonNode button = JSON.readTree(card.content()).path("i18n_elements").path("en_us").findValue("actions").get(0);
        Map<String, String> value = new LinkedHashMap<>();
        button.path("value").fields().forEachRemaining(e -> value.put(e.getKey(), e.getValue().asText()));
        return value;
    }

    private void setReadCount(int read) {
        h.sim.fixtures().update(SEED_ID, data -> {
            ((ObjectNode) data.path("notification")).put("read_user_count", read);
            return data;
        });
    }

    private BotHarness.Answer click(EventFactory.Click click) throws Exception {
        return h.post("/webhook/event", h.sealer.seal(h.events.cardAction(click)));
    }

    /** The read count in the card's row of numbers, as written ("1", "1,234", "not reported"). */
    private static String readCount(JsonNode card) {
        for (JsonNode element : card.path("i18n_elements").path("en_us")) {
            for (JsonNode column : element.path("columns")) {
                String content = column.path("elements").path(0).path("content").asText();
                if (content.contains("\nRead")) {
                    return content.substring(0, content.indexOf('\n')).replace("**", "");
                }
            }
        }
        return "";
    }

    @Test
    void refreshFetchesAgainWithinTheTtlAndAnswersWithTheUpdatedCardAndAToast() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        assertThat(readCount(JSON.readTree(card.content()))).isEqualTo("1");
        setReadCount(0);

        BotHarness.Answer answer = click(EventFactory.Click.on(card.newMessageId(), refreshValue(card)));

        assertThat(answer.code()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("toast").path("content").asText()).startsWith("Refreshed: numbers as of ");
        assertThat(body.path("card").path("type").asText()).isEqualTo("raw");
        assertThat(readCount(body.path("card").path("data"))).isEqualTo("0");
        assertThat(h.sim.calls(HELPDESK)).as("the click fetched again although the copy was fresh").hasSize(2);
        assertThat(h.sim.replies()).as("an update in place, not a new message").hasSize(1);

        // The refreshed copy now serves ordinary asks from the cache.
        assertThat(h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))).isEqualTo(200);
        assertThat(h.sim.calls(HELPDESK)).hasSize(2);
        assertThat(readCount(JSON.readTree(h.sim.replies().get(1).content()))).isEqualTo("0");
    }

    @Test
    void theSandboxClickReplacesTheCardTheSimulatorHolds() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        setReadCount(0);

        okhttp3.Request request = new okhttp3.Request.Builder().url(h.sim.baseUrl() + "/sim/click")
                .post(okhttp3.RequestBody.create("{\"card_message_id\":\"" + card.newMessageId() + "\"}",
                        okhttp3.MediaType.get("application/json"))).build();
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
            assertThat(JSON.readTree(response.body().string()).path("status").asInt()).isEqualTo(200);
        }

        assertThat(readCount(JSON.readTree(h.sim.replies().get(0).content()))).isEqualTo("0");
    }

    @Test
    void theLegacyCardCallbackGetsTheNewCardItself() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        setReadCount(0);
        EventFactory.Click click = EventFactory.Click.on(card.newMessageId(), refreshValue(card));

        BotHarness.Answer answer = h.post("/webhook/card", h.sealer.sealLegacyCard(h.events.legacyCardAction(click)));

        assertThat(answer.code()).isEqualTo(200);
        assertThat(readCount(JSON.readTree(answer.body()))).isEqualTo("0");
        assertThat(h.sim.calls(HELPDESK)).hasSize(2);
    }

    @Test
    void aPlainModeClickIsCheckedByItsVerificationToken() throws Exception {
        h = BotHarness.plain();
        RecordedReply card = statusCard();
        EventFactory.Click click = EventFactory.Click.on(card.newMessageId(), refreshValue(card));

        assertThat(click(click).code()).isEqualTo(200);
        String forged = h.events.cardAction(click).replace(h.creds.verificationToken(), "forged-token");
        assertThat(h.post("/webhook/event", new SealedRequest(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of())).code()).isEqualTo(401);
        assertThat(h.sim.calls(HELPDESK)).hasSize(2);
    }

    @Test
    void aClickWithABadSignatureIsRefusedWithoutAnyCall() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        SealedRequest sealed = h.sealer.seal(h.events.cardAction(EventFactory.Click.on(card.newMessageId(), refreshValue(card))));
        Map<String, String> headers = new LinkedHashMap<>(sealed.headers());
        headers.put("X-Lark-Signature", "0".repeat(64));

        assertThat(h.post("/webhook/event", new SealedRequest(sealed.body(), headers)).code()).isEqualTo(401);
        assertThat(h.sim.calls(HELPDESK)).hasSize(1);
    }

    @Test
    void aForgedButtonValueNeverReachesTheHelpdesk() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        for (Map<String, String> value : java.util.List.of(
                Map.of("cmd", "refresh", "id", "1 OR 1", "v", "1"),
                Map.of("cmd", "refresh", "id", "../../auth", "v", "1"),
                Map.of("cmd", "refresh", "id", SEED_ID, "v", "99"),
                Map.of("cmd", "delete", "id", SEED_ID, "v", "1"),
                Map.<String, String>of())) {
            BotHarness.Answer answer = click(EventFactory.Click.on(card.newMessageId(), value));

            assertThat(answer.code()).as(value.toString()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.has("card")).as(value.toString()).isFalse();
            assertThat(body.path("toast").path("content").asText()).contains("from an old card");
            assertThat(body.path("toast").path("type").asText()).isEqualTo("warning");
        }
        assertThat(h.sim.calls(HELPDESK)).hasSize(1);
    }

    @Test
    void someoneFromAnotherTenantCannotRefresh() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();

        BotHarness.Answer answer = click(EventFactory.Click.on(card.newMessageId(), refreshValue(card))
                .withOperator("ou_guest", "tenant-of-a-partner"));

        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.has("card")).isFalse();
        assertThat(body.path("toast").path("content").asText()).contains("not on this bot's allowlist");
        assertThat(body.path("toast").path("type").asText()).isEqualTo("error");
        assertThat(h.sim.calls(HELPDESK)).hasSize(1);
    }

    @Test
    void theAllowlistAppliesToClicksAsToMessages() throws Exception {
        h = BotHarness.withEnv(Map.of("BOT_ALLOWED_USERS", "ou_sandbox_user"));
        RecordedReply card = statusCard();
        Map<String, String> value = refreshValue(card);

        JsonNode refused = JSON.readTree(click(EventFactory.Click.on(card.newMessageId(), value)
                .withOperator("ou_someone_else", null)).body());
        JsonNode allowed = JSON.readTree(click(EventFactory.Click.on(card.newMessageId(), value)).body());

        assertThat(refused.has("card")).isFalse();
        assertThat(allowed.has("card")).isTrue();
        assertThat(h.sim.calls(HELPDESK)).hasSize(2);
    }

    @Test
    void aRateLimitedRefreshKeepsTheCardAndSaysWhenToTryAgain() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.rateLimited(7));

        JsonNode body = JSON.readTree(click(EventFactory.Click.on(card.newMessageId(), refreshValue(card))).body());

        assertThat(body.has("card")).isFalse();
        assertThat(body.path("toast").path("content").asText()).isEqualTo("Feishu is busy: refresh again in 7 s.");
        assertThat(body.path("toast").path("type").asText()).isEqualTo("warning");
        assertThat(body.path("toast").path("i18n").path("zh_cn").asText()).contains("7 秒");
    }

    @Test
    void aHelpdeskSlowerThanTheLookupTimeoutGetsATimelyToastNotAHang() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(java.time.Duration.ofSeconds(5)));

        JsonNode body = JSON.readTree(click(EventFactory.Click.on(card.newMessageId(), refreshValue(card))).body());

        // The answer came from the 2 s lookup timeout, not from the 5 s upstream answer.
        assertThat(body.path("toast").path("content").asText()).startsWith("Not refreshed: Feishu did not answer");
        assertThat(body.path("toast").path("type").asText()).isEqualTo("error");
        assertThat(body.has("card")).isFalse();
    }

    @Test
    void oneClickReplayedAHundredAndFiveTimesMakesOneLookupAndLeavesTheBudgetToOthers() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        SealedRequest sealed = h.sealer.seal(h.events.cardAction(EventFactory.Click.on(card.newMessageId(), refreshValue(card))));
        for (int i = 0; i < 105; i++) {
            BotHarness.Answer answer = h.post("/webhook/event", sealed);
            assertThat(answer.code()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("toast").path("i18n").path("en_us").asText()).startsWith("Refreshed");
        }
        assertThat(h.sim.calls(HELPDESK)).as("the message's lookup, then one refresh").hasSize(2);

        assertThat(h.deliver(EventFactory.Message.p2p("/push-status " + SEED_ID).withSender("ou_someone_else", "user", null)))
                .isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(2);
        assertThat(h.sim.replies().get(1).content()).doesNotContain("try again in");
    }

    @Test
    void aPersonClickingRefreshOverAndOverIsServedTheCopyAtHand() throws Exception {
        h = BotHarness.encrypted();
        RecordedReply card = statusCard();
        for (int i = 0; i < 30; i++) {
            BotHarness.Answer answer = click(EventFactory.Click.on(card.newMessageId(), refreshValue(card)));
            assertThat(answer.code()).isEqualTo(200);
        }
        assertThat(h.sim.calls(HELPDESK)).as("one refresh within any 10 s").hasSize(2);
        h.skipAhead(java.time.Duration.ofSeconds(11));
        click(EventFactory.Click.on(card.newMessageId(), refreshValue(card)));
        assertThat(h.sim.calls(HELPDESK)).hasSize(3);
    }
}
