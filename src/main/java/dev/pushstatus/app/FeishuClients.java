package dev.pushstatus.app;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.ApiTimeouts;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.api.FeishuCredentials;
import dev.pushstatus.feishu.api.Retries;
import dev.pushstatus.feishu.api.RollingWindowLimiter;
import dev.pushstatus.feishu.api.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;

/** The one place a {@link FeishuClient} is built from a {@link Config}: the bot and the doctor use the same. */
final class FeishuClients {

    private FeishuClients() {
    }

    /** A client for the configured tenant, with the standard timeouts, retries and the per-app helpdesk budget. */
    static FeishuClient forConfig(Config config, Clock clock, MeterRegistry metrics) {
        return new FeishuClient(
                FeishuClient.httpClient(ApiTimeouts.defaults()),
                HttpUrl.get(config.baseUrl().toString()),
                new FeishuCredentials(config.appId(), config.appSecret(), config.helpdeskId(), config.helpdeskToken()),
                FeishuJson.newMapper(),
                new RollingWindowLimiter(FeishuClient.HELPDESK_CALLS_PER_MINUTE, Duration.ofMinutes(1), clock),
                clock,
                metrics,
                Retries.standard(Sleeper.SYSTEM));
    }
}
