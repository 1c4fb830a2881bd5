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

    static final Pattern SAY = Pattern.compile("curl -s -X POST '(http://127\\.0\\.0\\.1:\\d+/sim/say\\?chat=p2p)' --data '([^']+)'");

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
                JsonNode answer = new ObjectMapper().readTree(response.body().string());
                assertThat(answer.path("status").asInt()).isEqualTo(200);
                assertThat(answer.path("reply").toString()).contains("测试推送任务");
            }
        }
    }
}
