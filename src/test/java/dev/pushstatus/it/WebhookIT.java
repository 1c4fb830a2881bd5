package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.SealedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhook's handshake, verification and refusals, over real HTTP against an encrypted-mode bot. */
class WebhookIT {

    static BotHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BotHarness.encrypted();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void encryptedUrlVerificationIsAnsweredWithTheChallenge() throws Exception {
        BotHarness.Answer answer = h.post("/webhook/event", h.sealer.seal(h.events.urlVerification("abc-123")));
        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"challenge\":\"abc-123\"}");
    }

    @Test
    void legacyCardUrlIsAlsoVerifiedWithTheChallenge() throws Exception {
        BotHarness.Answer answer = h.post("/webhook/card", h.sealer.sealLegacyCard(h.events.urlVerification("card-1")));
        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.body()).contains("card-1");
    }

    @Test
    void aBadSignatureGets401AndCausesNoUpstreamCall() throws Exception {
        int before = h.sim.calls("/open-apis/helpdesk").size();
        SealedRequest good = h.sealer.seal(h.events.message(
                dev.pushstatus.feishu.sim.EventFactory.Message.p2p("/push-status 6981801914270744596")));
        Map<String, String> headers = new HashMap<>(good.headers());
        headers.put("X-Lark-Signature", "0".repeat(64));
        BotHarness.Answer answer = h.post("/webhook/event", new SealedRequest(good.body(), headers));
        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(h.sim.calls("/open-apis/helpdesk")).hasSize(before);
    }

    @Test
    void aPlainBodyWhileAnEncryptKeyIsSetGets401() throws Exception {
        BotHarness.Answer answer = h.post("/webhook/event", new SealedRequest(
                h.events.urlVerification("x").getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(answer.code()).isEqualTo(401);
    }

    @Test
    void malformedJsonGets400() throws Exception {
        BotHarness.Answer answer = h.post("/webhook/event", new SealedRequest("{not json".getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception");
    }

    @Test
    void bodiesOverOneMebibyteGet413() throws Exception {
        byte[] huge = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        BotHarness.Answer answer = h.post("/webhook/event", new SealedRequest(huge, Map.of()));
        assertThat(answer.code()).isEqualTo(413);
    }

    @Test
    void healthAndReadinessAndMetricsAnswer() throws Exception {
        assertThat(h.get("/healthz")).isEqualTo(new BotHarness.Answer(200, "{\"status\":\"ok\"}"));
        BotHarness.Answer ready = h.get("/readyz");
        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.body()).contains("\"tenant_token\":true", "\"bot_info\":true");
        BotHarness.Answer metrics = h.get("/metrics");
        assertThat(metrics.code()).isEqualTo(200);
        assertThat(metrics.body()).contains("cache_gets_total");
    }
}
