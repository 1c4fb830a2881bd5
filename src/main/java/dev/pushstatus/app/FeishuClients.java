package dev.pushstatus.app;

import dev.pushstatus.bot.CallBudget;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.ApiTimeouts;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.api.FeishuCredentials;
import dev.pushstatus.feishu.api.Retries;
import dev.pushstatus.feishu.api.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import dev.pushstatus.store.RollingWindowLimiter;
import okhttp3.HttpUrl;

/** The one place a {@link FeishuClient} is built from a {@link Config}: the bot and the doctor use the same. */
final class FeishuClients {

    private FeishuClients() {
    }

    /** A client for the configured tenant, with the standard timeouts, retries and this process's helpdesk budget. */
    static FeishuClient forConfig(Config config, Clock clock, MeterRegistry metrics) {
        return forConfig(config, clock, metrics, localBudget(clock));
    }

    /** The helpdesk budget of one process: 100 GETs in any rolling minute. */
    static RollingWindowLimiter localBudget(Clock clock) {
        return new RollingWindowLimiter(FeishuClient.HELPDESK_CALLS_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    /** As above, spending {@code budget} (shared by all replicas when the bot has a Redis). */
    static FeishuClient forConfig(Config config, Clock clock, MeterRegistry metrics, CallBudget budget) {
        return new FeishuClient(
                FeishuClient.httpClient(ApiTimeouts.defaults()),
                HttpUrl.get(config.baseUrl().toString()),
                new FeishuCredentials(config.appId(), config.appSecret(), config.helpdeskId(), config.helpdeskToken()),
                FeishuJson.newMapper(),
                budget,
                clock,
                metrics,
                Retries.standard(Sleeper.SYSTEM));
    }
}
