package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.SealedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without an Encrypt Key, the Verification Token is the check. */
class PlainModeIT {

    static BotHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BotHarness.plain();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void plainUrlVerificationIsAnswered() throws Exception {
        BotHarness.Answer answer = h.post("/webhook/event", h.sealer.seal(h.events.urlVerification("plain-1")));
        assertThat(answer).isEqualTo(new BotHarness.Answer(200, "{\"challenge\":\"plain-1\"}"));
    }

    @Test
    void aWrongVerificationTokenGets401AndNoReply() throws Exception {
        String event = h.events.message(EventFactory.Message.p2p("/push-status 6981801914270744596"))
                .replace(h.creds.verificationToken(), "wrong-token");
        BotHarness.Answer answer = h.post("/webhook/event", new SealedRequest(event.getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(answer.code()).isEqualTo(401);
        assertThat(h.sim.calls("/open-apis/helpdesk")).isEmpty();
    }

    @Test
    void aPlainMessageGetsItsReply() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/ps 7301402215380811002");
        assertThat(h.deliver(message)).isEqualTo(200);
        assertThat(h.sim.awaitReplies(1, Duration.ofSeconds(5)))
                .anySatisfy(r -> assertThat(r.replyToMessageId()).isEqualTo(message.messageId()));
    }
}
