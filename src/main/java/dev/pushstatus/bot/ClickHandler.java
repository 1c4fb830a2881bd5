package dev.pushstatus.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a click on a card button: today the Refresh button.
 *
 * <p>Feishu wants the answer to a card callback within 3 s, and the answer itself carries the
 * new card, so the work runs on the same bounded executor as messages and the caller waits for it
 * within its budget. The clicker passes the same {@link AccessGate} as someone sending a message,
 * and the button's value is parsed as untrusted input.
 */
public final class ClickHandler {

    private static final Logger log = LoggerFactory.getLogger(ClickHandler.class);

    /**
     * How long a click's answer is kept for a repeat of it. Shorter than the signature's 1 h replay
     * window on purpose: a later replay is still held to one refresh per notification per 10 s and
     * to the clicker's allowance, and a kept answer holds its notification (up to 28 KB), so the
     * heap this takes is bounded by the lookups 10 minutes allow, not by the hour's clicks.
     */
    static final Duration REMEMBER_CLICKS = Duration.ofMinutes(10);
    static final long MAX_CLICKS_REMEMBERED = 10_000;

    private final AccessGate gate;
    private final NotificationCache cache;
    private final RefreshAllowance allowance;
    private final Cache<String, CompletableFuture<ClickAnswer>> seen;
    private final Executor executor;
    private final Duration lookupTimeout;
    private final Clock clock;

    public ClickHandler(AccessGate gate, NotificationCache cache, RefreshAllowance allowance, Executor executor,
                        Duration lookupTimeout, Clock clock, Ticker ticker) {
        this.gate = gate;
        this.cache = cache;
        this.allowance = allowance;
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(REMEMBER_CLICKS)
                .maximumSize(MAX_CLICKS_REMEMBERED)
                .ticker(ticker)
                .build();
        this.executor = executor;
        this.lookupTimeout = lookupTimeout;
        this.clock = clock;
    }

    /**
     * Starts handling the click on the executor; the future completes with the answer and never
     * fails. A click seen before (Feishu delivering it again, or a replay) gets the first one's
     * answer and does no work of its own.
     */
    public CompletableFuture<ClickAnswer> submit(ButtonClick click) {
        CompletableFuture<ClickAnswer> mine = new CompletableFuture<>();
        String id = click.clickId();
        if (id != null) {
            CompletableFuture<ClickAnswer> earlier = seen.asMap().putIfAbsent(id, mine);
            if (earlier != null) {
                log.info("message_id={} button click seen before; answered as the first time", click.messageId());
                return earlier;
            }
        }
        try {
            executor.execute(() -> mine.complete(handle(click)));
        } catch (RejectedExecutionException full) {
            log.warn("message_id={} button click refused: work queue full", click.messageId());
            if (id != null) {
                seen.asMap().remove(id, mine);
            }
            mine.complete(new ClickAnswer.Busy());
        }
        return mine;
    }

    /** Answers the click on the calling thread; never throws for upstream trouble. */
    public ClickAnswer handle(ButtonClick click) {
        long start = clock.millis();
        ClickAnswer answer;
        String detail;
        AccessGate.Verdict verdict = gate.check(click.requester());
        Optional<RefreshButton> refresh = RefreshButton.parse(click.value());
        if (verdict != AccessGate.Verdict.ALLOWED) {
            answer = new ClickAnswer.NotAllowed();
            detail = verdict.name();
        } else if (refresh.isEmpty()) {
            answer = new ClickAnswer.UnknownButton();
            detail = "unrecognised button value";
        } else {
            String id = refresh.get().notificationId();
            LookupResult result = cache.refresh(id, lookupTimeout, () -> allowance.take(click.requester()));
            answer = result.either(ClickAnswer.Refreshed::new, failure -> new ClickAnswer.RefreshFailed(id, failure));
            detail = result.getClass().getSimpleName();
        }
        log.info("message_id={} button=refresh outcome={} detail={} ms={}",
                click.messageId(), answer.label(), detail, clock.millis() - start);
        return answer;
    }
}
