package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.FeishuJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeishuSimulatorTest {

    static FeishuSimulator started(SimCredentials creds) {
        return new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.systemUTC()), FeishuJson.newMapper(),
                Clock.systemUTC()).start(0);
    }

    @Test
    void theBotEnvironmentIsTheBaseUrlAndTheCredentialsInOrderAndNothingElse() {
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        try (FeishuSimulator sim = started(creds)) {
            Map<String, String> env = sim.botEnvironment();

            assertThat(env).containsExactly(
                    Map.entry("FEISHU_BASE_URL", sim.baseUrl()),
                    Map.entry("FEISHU_APP_ID", creds.appId()),
                    Map.entry("FEISHU_APP_SECRET", creds.appSecret()),
                    Map.entry("FEISHU_VERIFICATION_TOKEN", creds.verificationToken()),
                    Map.entry("FEISHU_ENCRYPT_KEY", creds.encryptKey()),
                    Map.entry("FEISHU_HELPDESK_ID", creds.helpdeskId()),
                    Map.entry("FEISHU_HELPDESK_TOKEN", creds.helpdeskToken()));
            assertThat(env.get("FEISHU_BASE_URL")).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThatThrownBy(() -> env.put("PORT", "0")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void inPlainModeTheBotEnvironmentHasNoEncryptKey() {
        try (FeishuSimulator sim = started(SimCredentials.sandbox(new SecureRandom()).withoutEncryption())) {
            assertThat(sim.botEnvironment()).doesNotContainKey("FEISHU_ENCRYPT_KEY").hasSize(6);
        }
    }

    @Test
    void theLongConnectionEnvironmentHasTheModeAndNoWebhookSecrets() {
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        try (FeishuSimulator sim = started(creds)) {
            Map<String, String> env = sim.longConnectionBotEnvironment();

            assertThat(env).containsExactly(
                    Map.entry("FEISHU_BASE_URL", sim.baseUrl()),
                    Map.entry("FEISHU_APP_ID", creds.appId()),
                    Map.entry("FEISHU_APP_SECRET", creds.appSecret()),
                    Map.entry("FEISHU_EVENT_MODE", "websocket"),
                    Map.entry("FEISHU_HELPDESK_ID", creds.helpdeskId()),
                    Map.entry("FEISHU_HELPDESK_TOKEN", creds.helpdeskToken()));
            assertThatThrownBy(() -> env.put("PORT", "0")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(sim.botEnvironment()).doesNotContainKey("FEISHU_EVENT_MODE");
        }
    }

    @Test
    void beforeTheChatStartsSayClickAndMetricsAnswer503() throws Exception {
        try (FeishuSimulator sim = started(SimCredentials.sandbox(new SecureRandom()))) {
            assertThat(post(sim, "/sim/say?chat=p2p", "/help").statusCode()).isEqualTo(503);
            assertThat(post(sim, "/sim/click", "{}").statusCode()).isEqualTo(503);
            HttpResponse<String> metrics = get(sim, "/sim/metrics");
            assertThat(metrics.statusCode()).isEqualTo(503);
            assertThat(metrics.body()).contains("no bot to chat with yet");
        }
    }

    @Test
    void theChatDeliversToTheBotUrlItStartedWithAndStartsOnce() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        try (FeishuSimulator sim = started(SimCredentials.sandbox(new SecureRandom()))) {
            sim.startChat(nobody);

            HttpResponse<String> said = post(sim, "/sim/say?chat=p2p", "/help");
            assertThat(said.statusCode()).isEqualTo(502);
            assertThat(said.body()).contains("the bot did not answer");
            assertThat(get(sim, "/sim/metrics").body()).startsWith("bot not reachable");
            assertThatThrownBy(() -> sim.startChat(URI.create("http://127.0.0.1:1")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(nobody.toString());
            assertThatThrownBy(sim::startChatOverLongConnection)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(nobody.toString());
        }
    }

    @Test
    void theFaultLogShowsEachHelpdeskFaultQueuedThenUsedOrCleared() throws Exception {
        try (FeishuSimulator sim = started(SimCredentials.sandbox(new SecureRandom()))) {
            assertThat(post(sim, "/sim/faults", "{\"kind\":\"429\"}").statusCode()).isEqualTo(200);
            assertThat(post(sim, "/sim/faults", "{\"kind\":\"404\"}").statusCode()).isEqualTo(200);
            assertThat(post(sim, "/sim/faults", "{\"kind\":\"slow\"}").statusCode()).isEqualTo(200);
            assertThat(post(sim, "/sim/faults", "{\"kind\":\"teapot\"}").statusCode()).as("unknown kind").isEqualTo(400);
            assertThat(sim.faultLog()).extracting(FaultRecord::label, FaultRecord::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("429", "queued"),
                            org.assertj.core.groups.Tuple.tuple("404", "queued"), org.assertj.core.groups.Tuple.tuple("slow", "queued"));

            HttpResponse<String> played = get(sim, "/open-apis/helpdesk/v1/notifications/6981801914270744596");
            assertThat(played.statusCode()).as("the first fault plays").isEqualTo(429);
            assertThat(get(sim, "/sim/faults").body()).contains("\"label\":\"429\",\"state\":\"used\"",
                    "\"label\":\"404\",\"state\":\"queued\"");

            HttpRequest clear = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/faults")).DELETE().build();
            assertThat(HttpClient.newHttpClient().send(clear, HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("{\"cleared\":2}");
            assertThat(sim.faultLog()).extracting(FaultRecord::state).containsExactly("used", "cleared", "cleared");
            assertThat(get(sim, "/open-apis/helpdesk/v1/notifications/6981801914270744596").statusCode())
                    .as("nothing left to play: the call goes on to the token check").isEqualTo(400);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> post(FeishuSimulator sim, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(FeishuSimulator sim, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
