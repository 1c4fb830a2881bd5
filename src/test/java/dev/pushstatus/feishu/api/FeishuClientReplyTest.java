package dev.pushstatus.feishu.api;

import static dev.pushstatus.feishu.api.FakeFeishu.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.time.Instant;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.bot.Replier;
import org.junit.jupiter.api.Test;

/** Sending the reply card, and learning the bot's own open_id. */
class FeishuClientReplyTest {

    private static final String REPLY_PATH = "/open-apis/im/v1/messages/om_x/reply";
    private static final String BOT_INFO_PATH = "/open-apis/bot/v3/info";
    private static final String CARD = "{\"config\":{\"update_multi\":true},\"header\":{\"title\":{\"content\":\"\\\"q\\\" <at>\"}}}";

    private final FakeFeishu feishu = new FakeFeishu();
    private final FeishuClient client = feishu.client(new MutableClock(Instant.parse("2024-05-01T08:00:00Z")));

    @Test
    void replyCardPostsAnInteractiveMessageWithTheCardAsAString() {
        feishu.on(REPLY_PATH, FakeFeishu.Answer.json(200,
                "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_reply\",\"msg_type\":\"interactive\"}}"));

        Replier.SendResult outcome = client.replyCard("om_x", CARD, "ps-om_x");

        assertThat(outcome).isEqualTo(new Replier.SendResult.Sent("om_reply"));
        assertThat(feishu.paths()).containsExactly(TOKEN_PATH, REPLY_PATH);
        FakeFeishu.Recorded post = feishu.requestsTo(REPLY_PATH).get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Authorization")).isEqualTo("Bearer t-1");
        assertThat(post.header("Content-Type")).startsWith("application/json");
        assertThat(post.json().path("msg_type").asText()).isEqualTo("interactive");
        assertThat(post.json().path("content").isTextual()).isTrue();
        assertThat(post.json().path("content").asText()).isEqualTo(CARD);
        assertThat(post.json().path("uuid").asText()).isEqualTo("ps-om_x");
    }

    @Test
    void botNotInChatIsAFailedSendWithAnErrorId() {
        feishu.on(REPLY_PATH, FakeFeishu.Answer.json(400, "{\"code\":230002,\"msg\":\"Bot/User can NOT be out of the chat.\"}"));

        Replier.SendResult outcome = client.replyCard("om_x", CARD, "ps-om_x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.errorId()).matches("E-[0-9A-F]{6}");
            assertThat(failed.reason()).contains("230002");
        });
    }

    @Test
    void aTimedOutReplyIsAFailedSend() {
        feishu.on(REPLY_PATH, FakeFeishu.Answer.failing(new InterruptedIOException("timeout")));

        assertThat(client.replyCard("om_x", CARD, "ps-om_x")).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo("timeout"));
    }

    @Test
    void aReplyRejectedForAnInvalidTokenIsRetriedOnceWithTheSameUuid() {
        feishu.on(REPLY_PATH, FakeFeishu.Answer.json(400, "{\"code\":99991663,\"msg\":\"invalid token\"}"),
                FakeFeishu.Answer.json(200, "{\"code\":0,\"data\":{\"message_id\":\"om_reply\"}}"));

        assertThat(client.replyCard("om_x", CARD, "ps-om_x")).isEqualTo(new Replier.SendResult.Sent("om_reply"));
        assertThat(feishu.requestsTo(REPLY_PATH)).extracting(r -> r.json().path("uuid").asText())
                .containsExactly("ps-om_x", "ps-om_x");
    }

    @Test
    void botOpenIdIsReadFromBotInfo() {
        feishu.on(BOT_INFO_PATH, FakeFeishu.Answer.json(200, """
                {"code":0,"msg":"ok","bot":{"activate_status":2,"app_name":"PushBot","avatar_url":"https://x",
                 "ip_white_list":[],"open_id":"ou_bot123"}}"""));

        assertThat(client.botOpenId()).contains("ou_bot123");
        FakeFeishu.Recorded get = feishu.requestsTo(BOT_INFO_PATH).get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.header("Authorization")).isEqualTo("Bearer t-1");
    }

    @Test
    void botInfoWithoutOpenIdIsEmpty() {
        feishu.on(BOT_INFO_PATH, FakeFeishu.Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"bot\":{}}"));

        assertThat(client.botOpenId()).isEmpty();
    }

    @Test
    void aRefusedBotInfoIsEmpty() {
        feishu.on(BOT_INFO_PATH, FakeFeishu.Answer.json(400, "{\"code\":99991672,\"msg\":\"missing scope\",\"bot\":{\"open_id\":\"ou_no\"}}"));

        assertThat(client.botOpenId()).isEmpty();
    }
}
