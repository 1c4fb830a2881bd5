package dev.pushstatus.feishu.api;

import dev.pushstatus.store.RollingWindowLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.feishu.FeishuJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** Lark is Feishu on another host: FEISHU_BASE_URL alone moves every call there. */
class LarkBaseUrlTest {

    @Test
    void everyCallGoesToTheConfiguredHost() {
        List<HttpUrl> seen = new ArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            seen.add(chain.request().url());
            String body = chain.request().url().encodedPath().contains("tenant_access_token")
                    ? "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-lark\",\"expire\":7200}"
                    : HelpdeskAnswers.SEED_EXAMPLE;
            return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                    .body(ResponseBody.create(body, MediaType.get("application/json"))).build();
        }).build();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        FeishuClient client = new FeishuClient(http, HttpUrl.get("https://open.larksuite.com"), FakeFeishu.CREDENTIALS,
                FeishuJson.newMapper(), new RollingWindowLimiter(100, Duration.ofMinutes(1), clock), clock,
                new SimpleMeterRegistry(), Retries.standard(clock::advance));

        assertThat(client.fetch("6981801914270744596")).isInstanceOf(LookupResult.Found.class);

        assertThat(seen).hasSize(2).allSatisfy(url -> {
            assertThat(url.scheme()).isEqualTo("https");
            assertThat(url.host()).isEqualTo("open.larksuite.com");
            assertThat(url.encodedPath()).startsWith("/open-apis/");
        });
    }
}
