package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void theSimulatorsVariablesReplaceEveryFeishuVariableAndKeepTheRest() {
        Map<String, String> user = Map.of("PORT", "9000", "BOT_TIMEZONE", "UTC", "FEISHU_ENCRYPT_KEY", "stale",
                "FEISHU_BASE_URL", "https://open.feishu.cn");
        Map<String, String> simulator = Map.of("FEISHU_BASE_URL", "http://127.0.0.1:1234", "FEISHU_APP_ID", "cli_sim");

        assertThat(Sandbox.onTop(user, simulator)).containsOnly(Map.entry("PORT", "9000"), Map.entry("BOT_TIMEZONE", "UTC"),
                Map.entry("FEISHU_BASE_URL", "http://127.0.0.1:1234"), Map.entry("FEISHU_APP_ID", "cli_sim"));
    }

    @Test
    void theSandboxConfigurationIsTheUsersSettingsPointedAtTheSimulator() {
        try (Sandbox.Simulated simulated = Sandbox.simulate(Map.of("PORT", "0", "BOT_TIMEZONE", "UTC",
                "FEISHU_ENCRYPT_KEY", "stale"))) {
            Config config = simulated.config();
            SimCredentials creds = simulated.simulator().credentials();

            assertThat(config.baseUrl()).hasToString(simulated.simulator().baseUrl());
            assertThat(config.appId()).isEqualTo(creds.appId());
            assertThat(config.appSecret()).isEqualTo(creds.appSecret());
            assertThat(config.verificationToken()).isEqualTo(creds.verificationToken());
            assertThat(config.encryptKey()).isEqualTo(creds.encryptKey());
            assertThat(config.helpdeskId()).isEqualTo(creds.helpdeskId());
            assertThat(config.helpdeskToken()).isEqualTo(creds.helpdeskToken());
            assertThat(config.port()).isZero();
            assertThat(config.timezone()).isEqualTo(ZoneId.of("UTC"));
        }
    }

    @Test
    void theWaitForReadinessEndsAtTheFirst200() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer bot = readyz(() -> asked.incrementAndGet() < 3 ? 503 : 200);
        try {
            assertThat(Sandbox.awaitReadyz(url(bot), Duration.ofSeconds(10))).isEmpty();
            assertThat(asked).hasValue(3);
        } finally {
            bot.stop(0);
        }
    }

    @Test
    void aBotNeverReadySaysWhatItsReadyzAnswered() throws Exception {
        HttpServer bot = readyz(() -> 503);
        try {
            assertThat(Sandbox.awaitReadyz(url(bot), Duration.ofMillis(300))).hasValue(
                    "after 300 ms /readyz answers 503 {\"tenant_token\":false}");
        } finally {
            bot.stop(0);
        }
    }

    @Test
    void aBotNotListeningIsSaidSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(Sandbox.awaitReadyz(URI.create("http://127.0.0.1:" + port), Duration.ofMillis(200)))
                .hasValueSatisfying(why -> assertThat(why).startsWith("after 200 ms /readyz did not answer ("));
    }

    interface Status {
        int next();
    }

    static HttpServer readyz(Status status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/readyz", exchange -> {
            int code = status.next();
            byte[] body = (code == 200 ? "{\"tenant_token\":true}" : "{\"tenant_token\":false}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
