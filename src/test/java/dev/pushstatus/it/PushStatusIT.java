package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.RecordedCall;
import dev.pushstatus.feishu.sim.RecordedReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /push-status} end to end: event in, upstream calls made, reply card out. */
class PushStatusIT {

    static final String SEED_ID = "6981801914270744596";
    static final Duration WAIT = Duration.ofSeconds(5);
    BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BotHarness.encrypted();
        h.sim.reset();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aDirectMessageGetsOneStatusCardBuiltFromTheHelpdeskAnswer() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);

        assertThat(h.deliver(message)).isEqualTo(200);

        List<RecordedCall> gets = h.sim.calls("/open-apis/helpdesk/v1/notifications/");
        assertThat(gets).hasSize(1);
        RecordedCall get = gets.get(0);
        assertThat(get.path()).isEqualTo("/open-apis/helpdesk/v1/notifications/" + SEED_ID);
        assertThat(get.query()).isEqualTo("user_id_type=open_id");
        assertThat(get.header("Authorization")).startsWith("Bearer t-sim-");
        assertThat(get.header("X-Lark-Helpdesk-Authorization")).isEqualTo(Base64.getEncoder().encodeToString(
                (h.creds.helpdeskId() + ":" + h.creds.helpdeskToken()).getBytes(StandardCharsets.UTF_8)));

        List<RecordedReply> replies = h.sim.replies();
        assertThat(replies).hasSize(1);
        RecordedReply reply = replies.get(0);
        assertThat(reply.replyToMessageId()).isEqualTo(message.messageId());
        assertThat(reply.msgType()).isEqualTo("interactive");
        assertThat(reply.uuid()).isEqualTo("ps-" + message.messageId()).hasSizeLessThanOrEqualTo(50);
        assertThat(reply.content()).contains("测试推送任务", "\"en_us\"", "\"zh_cn\"", "2021-07-15 14:57 CST");
    }

    @Test
    void theSandboxLinesWorkOverHttpSayThenListTheReplies() throws Exception {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        okhttp3.Request say = new okhttp3.Request.Builder().url(h.sim.baseUrl() + "/sim/say?chat=p2p")
                .post(okhttp3.RequestBody.create("/push-status " + SEED_ID, okhttp3.MediaType.get("text/plain"))).build();
        try (okhttp3.Response response = http.newCall(say).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        okhttp3.Request list = new okhttp3.Request.Builder().url(h.sim.baseUrl() + "/sim/replies").get().build();
        try (okhttp3.Response response = http.newCall(list).execute()) {
            assertThat(response.code()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode replies = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(response.body().string());
            assertThat(replies).hasSize(1);
            assertThat(replies.get(0).path("msgType").asText()).isEqualTo("interactive");
            assertThat(java.time.Instant.parse(replies.get(0).path("at").asText())).isBefore(java.time.Instant.now().plusSeconds(1));
            assertThat(replies.get(0).path("content").asText()).contains("测试推送任务");
        }
    }

    @Test
    void redeliveriesOfOneMessageGet200AndNoSecondReply() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
    }

    @Test
    void theCacheMakesOneHelpdeskCallForManyAsksOfOneId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // The first answer is slow, so the concurrent asks overlap with the one upstream call.
            h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(400)));
            List<Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
            assertThat(h.deliver(EventFactory.Message.p2p("/push-status " + SEED_ID))).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(1);
        assertThat(h.sim.replies()).hasSize(9);
    }

    @Test
    void groupMessagesWithoutAMentionAreIgnored() throws Exception {
        assertThat(h.deliver(EventFactory.Message.groupMention("/push-status " + SEED_ID).withMention(false))).isEqualTo(200);
        assertThat(h.sim.calls("/open-apis/helpdesk/")).isEmpty();
        assertThat(h.sim.replies()).isEmpty();
    }

    @Test
    void aMentionedGroupMessageInRichTextIsAnswered() throws Exception {
        EventFactory.Message message = EventFactory.Message.groupMention("/push-status " + SEED_ID).asPost();
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.sim.replies()).singleElement()
                .satisfies(r -> assertThat(r.content()).contains("测试推送任务"));
    }

    @Test
    void messagesFromBotsAndOtherTenantsAreIgnored() throws Exception {
        EventFactory.Message base = EventFactory.Message.p2p("/push-status " + SEED_ID);
        assertThat(h.deliver(base.withSender(h.creds.botOpenId(), "user", null))).isEqualTo(200);
        assertThat(h.deliver(base.withMessageId(EventFactory.newMessageId()).withSender("ou_other", "app", null)))
                .isEqualTo(200);
        assertThat(h.deliver(base.withMessageId(EventFactory.newMessageId()).withSender("ou_ext", "user", "other_tenant")))
                .isEqualTo(200);
        assertThat(h.sim.replies()).isEmpty();
        assertThat(h.sim.calls("/open-apis/helpdesk/")).isEmpty();
    }

    @Test
    void aBadIdGetsTheUsageCardAndNeverReachesTheHelpdesk() throws Exception {
        for (String text : List.of("/push-status ../../bot/v3/info", "/push-status 1 OR 1", "/push-status 123456789012345678901234567890123")) {
            assertThat(h.deliver(EventFactory.Message.p2p(text))).isEqualTo(200);
        }
        assertThat(h.sim.calls("/open-apis/helpdesk/")).isEmpty();
        assertThat(h.sim.replies()).hasSize(3).allSatisfy(r -> assertThat(r.content()).contains("Usage"));
    }

    @Test
    void anUnknownIdGetsTheNotFoundCard() throws Exception {
        assertThat(h.deliver(EventFactory.Message.p2p("/ps 6981801914270799999"))).isEqualTo(200);
        assertThat(h.sim.replies()).singleElement()
                .satisfies(r -> assertThat(r.content()).contains("Notification not found", "6981801914270799999"));
    }

    @Test
    void anInvalidTokenIsRefreshedOnceAndTheCallRetried() throws Exception {
        h.sim.expireTokens();
        assertThat(h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))).isEqualTo(200);
        assertThat(h.sim.calls("/open-apis/auth/")).hasSize(1);
        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(2);
        assertThat(h.sim.replies()).hasSize(1);
    }

    @Test
    void helpdeskRefusalAndRateLimitAndOutageBecomeCards() throws Exception {
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.error(401, 154001, "Unauthorized"));
        for (int attempt = 0; attempt < 3; attempt++) {
            // A 500 is tried three times before the bot gives up on it.
            h.sim.inject(Fault.Endpoint.HELPDESK, Fault.error(500, 155000, "Internal error"));
        }
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.rateLimited(7));
        for (int i = 0; i < 3; i++) {
            assertThat(h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))).isEqualTo(200);
        }
        assertThat(h.sim.replies()).extracting(RecordedReply::content).satisfiesExactly(
                c -> assertThat(c).contains("Not allowed to read the helpdesk", "154001"),
                c -> assertThat(c).contains("Feishu did not answer", "E-"),
                c -> assertThat(c).contains("try again in 7 s"));
        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(5);
        // Feishu said wait 7 s: the next ask gets "busy" without calling it again.
        assertThat(h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))).isEqualTo(200);
        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(5);
        assertThat(h.sim.replies().get(3).content()).contains("Busy");
    }

    @Test
    void aFailedReplyIsAnsweredNon200AndTheRedeliveryRepliesOnce() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/help");
        // The send is tried twice (the second time with the same uuid) before the event is given back.
        h.sim.inject(Fault.Endpoint.REPLY, Fault.error(500, 230101, "sending temporarily unavailable"));
        h.sim.inject(Fault.Endpoint.REPLY, Fault.error(500, 230101, "sending temporarily unavailable"));
        assertThat(h.deliver(message)).isEqualTo(500);
        assertThat(h.sim.replies()).isEmpty();
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
    }

    @Test
    void oneFailedSendIsRepeatedAtOnceWithTheSameUuid() throws Exception {
        h.sim.inject(Fault.Endpoint.REPLY, Fault.error(503, 230101, "sending temporarily unavailable"));

        assertThat(h.deliver(EventFactory.Message.p2p("/help"))).isEqualTo(200);

        assertThat(h.sim.calls("/open-apis/im/v1/messages/")).hasSize(2);
        assertThat(h.sim.replies()).hasSize(1);
    }

    @Test
    void aServerErrorFromTheHelpdeskIsTriedAgainAndTheCardComesFromTheSecondTry() throws Exception {
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.error(500, 155000, "Internal error"));

        assertThat(h.deliver(EventFactory.Message.p2p("/ps " + SEED_ID))).isEqualTo(200);

        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(2);
        assertThat(h.sim.replies()).singleElement().satisfies(r -> assertThat(r.content()).contains("测试推送任务"));
    }

    @Test
    void aReplyThatTimesOutIsAnsweredNon200AndTheRedeliveryDoesNotReplyTwice() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/help");
        h.sim.inject(Fault.Endpoint.REPLY, Fault.delay(Duration.ofMillis(3_500)));
        h.sim.inject(Fault.Endpoint.REPLY, Fault.delay(Duration.ofMillis(3_500)));
        // Both sends time out on the client (2 s) while the simulator still accepts them later;
        // every later send carries the same uuid, so Feishu keeps one reply.
        assertThat(h.deliver(message)).isNotEqualTo(200);
        int status = h.deliver(message);
        for (int redelivery = 0; status != 200 && redelivery < 3; redelivery++) {
            status = h.deliver(message);
        }
        assertThat(status).isEqualTo(200);
        assertThat(h.sim.awaitReplies(2, Duration.ofSeconds(4))).hasSize(1);
    }

    @Test
    void pastTheBudgetTheBotAnswers503KeepsWorkingAndTheRedeliveryGetsTheSameSingleReply() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/ps " + SEED_ID);
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(1_700)));
        h.sim.inject(Fault.Endpoint.REPLY, Fault.delay(Duration.ofMillis(1_200)));
        assertThat(h.deliver(message)).isEqualTo(503);
        assertThat(h.sim.awaitReplies(1, WAIT)).hasSize(1);
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
        assertThat(h.sim.calls("/open-apis/helpdesk/")).hasSize(1);
    }

    @Test
    void metricsCountEventsUpstreamCallsRequestsAndHandlingTime() throws Exception {
        assertThat(h.deliver(EventFactory.Message.p2p("/push-status " + SEED_ID))).isEqualTo(200);
        String metrics = h.get("/metrics").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("pushbot_events_total")))
                .anySatisfy(l -> assertThat(l).contains("outcome=\"replied\"", "type=\"im.message.receive_v1\""));
        assertThat(metrics.lines().filter(l -> l.startsWith("pushbot_upstream_requests_seconds_count")))
                .anySatisfy(l -> assertThat(l).contains("endpoint=\"helpdesk\"", "code=\"0\""))
                .anySatisfy(l -> assertThat(l).contains("endpoint=\"reply\""));
        assertThat(metrics.lines().filter(l -> l.startsWith("pushbot_http_requests_seconds_count")))
                .anySatisfy(l -> assertThat(l).contains("route=\"/webhook/event\"", "status=\"200\""));
        assertThat(metrics.lines().filter(l -> l.startsWith("pushbot_message_handling_seconds_count")))
                .anySatisfy(l -> assertThat(l).contains("command=\"push-status\"", "outcome=\"replied\""));
        assertThat(metrics).contains("cache_gets_total", "pushbot_dedupe_entries", "pushbot_work_in_flight",
                "pushbot_ratelimit_refusals_total");
    }
}
