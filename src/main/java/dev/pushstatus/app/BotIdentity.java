package dev.pushstatus.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own open_id, learned once from Feishu at start-up. Until it is known the bot cannot
 * tell whether a group message mentions it, so messages are answered non-200 (Feishu delivers
 * them again) and {@code /readyz} says not ready; the lookup is retried in the background.
 */
final class BotIdentity implements Supplier<Optional<String>> {

    private static final Logger log = LoggerFactory.getLogger(BotIdentity.class);

    private final CompletableFuture<String> openId = new CompletableFuture<>();
    private final Supplier<Optional<String>> lookup;

    BotIdentity(Supplier<Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Tries now and then every {@code retryEvery} until the open_id is known. */
    void learn(ScheduledExecutorService scheduler, Duration retryEvery) {
        scheduler.execute(() -> attempt(scheduler, retryEvery));
    }

    private void attempt(ScheduledExecutorService scheduler, Duration retryEvery) {
        Optional<String> found = lookup.get();
        if (found.isPresent()) {
            openId.complete(found.get());
            log.info("bot identity known: open_id={}", found.get());
        } else if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> attempt(scheduler, retryEvery), retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(openId.getNow(null));
    }

    /** Completes once the open_id is known; for start-up waits without polling. */
    CompletableFuture<String> known() {
        return openId;
    }
}
