package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import dev.pushstatus.store.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: the jar against a redis-server that speaks only TLS, with a certificate made
 * for the test (openssl) and trusted through the JVM's own trust store option, as an operator
 * trusts a private CA. An untrusted certificate stops start-up with one line naming REDIS_URL.
 */
class RedisTlsIT {

    @TempDir
    Path dir;
    Path cert;
    Path trustStore;
    RedisServer redis;
    FeishuSimulator sim;

    @BeforeEach
    void start() throws Exception {
        cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        trustStore = dir.resolve("trust.p12");
        run("keytool", "-importcert", "-noprompt", "-file", cert.toString(), "-keystore", trustStore.toString(),
                "-storepass", "changeit", "-storetype", "PKCS12", "-alias", "test-redis");
        redis = RedisServer.startTls(cert, key);
        Clock clock = Clock.systemUTC();
        sim = new FeishuSimulator(SimCredentials.sandbox(new SecureRandom()),
                NotificationFixtures.seeded(FeishuJson.newMapper(), clock), FeishuJson.newMapper(), clock).start(0);
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        redis.close();
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    @Test
    void overTlsTheClaimOnAMessageIsKeptInRedis() throws Exception {
        try (BotProcess bot = BotProcess.start(sim, Map.of("REDIS_URL", redis.url(), "JAVA_TOOL_OPTIONS",
                "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=changeit"))) {
            Clock clock = Clock.systemUTC();
            EventFactory.Message message = EventFactory.Message.p2p("/push-status " + PushStatusIT.SEED_ID);
            SealedRequest sealed = new EventSealer(sim.credentials(), clock)
                    .seal(new EventFactory(sim.credentials(), FeishuJson.newMapper(), clock).message(message));
            Request.Builder request = new Request.Builder().url(bot.url() + "/webhook/event")
                    .post(RequestBody.create(sealed.body(), MediaType.get("application/json")));
            sealed.headers().forEach(request::header);
            try (Response response = new OkHttpClient().newCall(request.build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
            }

            String keys = run("redis-cli", "--tls", "--cacert", cert.toString(), "-p", Integer.toString(redis.port()),
                    "--scan");
            assertThat(keys).contains(":msg:" + message.messageId());
            assertThat(sim.replies()).hasSize(1);
        }
    }

    @Test
    void anUntrustedCertificateStopsStartUpWithOneLine() throws Exception {
        Map<String, String> env = new HashMap<>(sim.botEnvironment());
        env.put("PORT", "0");
        env.put("REDIS_URL", redis.url());

        BotProcess.Finished run = BotProcess.run(env, Duration.ofSeconds(30));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> lines = run.err().strip().lines().toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("push-status-bot: could not start: REDIS_URL: cannot reach redis at 127.0.0.1:" + redis.port()));
    }
}
