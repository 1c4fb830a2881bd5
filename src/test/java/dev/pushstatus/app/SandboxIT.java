package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Sandbox mode as {@code scripts/run} starts it: the banner comes once the bot is ready, and its first line works. */
class SandboxIT {

    static final Pattern SAY = Pattern.compile("curl -s -X POST '(http://127\\.0\\.0\\.1:\\d+/sim/say\\?chat=p2p&format=text)' --data '([^']+)'");

    @Test
    void theBannerComesOnceTheBotIsReadyAndItsFirstCurlLineGetsAReplyCard() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Sandbox sandbox = Sandbox.start(Map.of("PORT", "0"), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String banner = printed.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains("== push-status-bot sandbox", "/console/").doesNotContain("not ready");
            Matcher say = SAY.matcher(banner);
            assertThat(say.find()).as("the first curl line in:\n" + banner).isTrue();

            OkHttpClient http = new OkHttpClient();
            Request request = new Request.Builder().url(say.group(1))
                    .post(RequestBody.create(say.group(2), MediaType.get("text/plain"))).build();
            try (Response response = http.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).as("a headline a person reads, not card JSON").isEqualTo("""
                        the bot answered HTTP 200 and replied with card om_sim_1:
                        测试推送任务  [Delivered]
                          Delivered to all 1
                          Read by 1 (100% of sent)
                        """ + "  Send time: 2021-07-15 14:57 CST" + sendTimeAge() + "\n");
            }

            // The banner's lines as a person pastes them into a shell.
            String webhook = line(banner, "curl -s -o /dev/null");
            assertThat(shell(webhook)).startsWith("the bot answered HTTP 200\nreplied to om_").contains("Delivered to all 1");
            assertThat(shell(webhook)).isEqualTo("the bot answered HTTP 200\nno second reply: still 1 reply to "
                    + webhook.replaceAll(".*summary\\?to=([^']+)'$", "$1")
                    + " (a redelivered event gets its 200 and no new reply)\n");
            assertThat(shell(line(banner, "curl -s -X POST '" + sandbox.simulatorUrl() + "/sim/click")))
                    .startsWith("toast (success): Refreshed: numbers as of ").contains("card om_sim_1 now reads:");
        }
    }

    @Test
    void twoReplicasOnOneRedisAnswerTheBannersDoubleDeliveryOnce() throws Exception {
        try (dev.pushstatus.store.RedisServer redis = dev.pushstatus.store.RedisServer.start()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (Sandbox sandbox = Sandbox.start(Map.of("PORT", "0", "REDIS_URL", redis.url(), "SANDBOX_REPLICAS", "2"),
                    new PrintStream(printed, true, StandardCharsets.UTF_8))) {
                String banner = printed.toString(StandardCharsets.UTF_8);
                assertThat(banner).contains("-- 2 replicas of one app share redis://127.0.0.1:" + redis.port());
                String both = banner.lines().filter(l -> l.startsWith("curl") && l.contains(" & wait; ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no double delivery line in:\n" + banner));

                String first = shell(both);
                assertThat(first.lines().filter(l -> l.contains("answered HTTP")).toList()).hasSize(2)
                        .allSatisfy(l -> assertThat(l).matches(".* answered HTTP (200|503)"));
                assertThat(first).contains("replied to om_").contains("with card om_sim_1");
                assertThat(shell(both)).contains("no second reply: still 1 reply");
            }
        }
    }

    /** The relative part of the seed's send time as the card words it today, e.g. " (5 y ago)". */
    private static String sendTimeAge() {
        long days = java.time.Duration.between(java.time.Instant.ofEpochMilli(1626332244719L), java.time.Instant.now()).toDays();
        return " (" + (days / 365) + " y ago)";
    }

    private static String line(String banner, String prefix) {
        return banner.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in:\n" + banner));
    }

    private static String shell(String commandLine) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
