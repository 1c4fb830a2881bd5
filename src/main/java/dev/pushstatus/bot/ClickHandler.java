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
import org.jspecify.annotations.Nullable;
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
    private final @Nullable Watches watches;

    /** A handler of Refresh alone (watch buttons are then unknown buttons): for tests of the rest. */
    public ClickHandler(AccessGate gate, NotificationCache cache, RefreshAllowance allowance, Executor executor,
                        Duration lookupTimeout, Clock clock, Ticker ticker) {
        this(gate, cache, allowance, executor, lookupTimeout, clock, ticker, null);
    }

    public ClickHandler(AccessGate gate, NotificationCache cache, RefreshAllowance allowance, Executor executor,
                        Duration lookupTimeout, Clock clock, Ticker ticker, @Nullable Watches watches) {
        this.watches = watches;
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
        Optional<WatchButton> watch = watches == null ? Optional.empty() : WatchButton.parse(click.value());
        String button = refresh.isPresent() ? "refresh" : watch.map(w -> w.getClass().getSimpleName()
                .toLowerCase(java.util.Locale.ROOT)).orElse("unknown");
        if (verdict != AccessGate.Verdict.ALLOWED) {
            answer = new ClickAnswer.NotAllowed();
            detail = verdict.name();
        } else if (refresh.isPresent()) {
            String id = refresh.get().notificationId();
            LookupResult result = cache.refresh(id, lookupTimeout, () -> allowance.take(click.requester()));
            answer = result.either(found -> new ClickAnswer.Refreshed(found, live(click, found)),
                    failure -> new ClickAnswer.RefreshFailed(id, failure));
            detail = result.getClass().getSimpleName();
        } else if (watch.isPresent() && watches != null && click.messageId() != null) {
            answer = watch(watches, watch.get(), click, click.messageId());
            detail = "-";
        } else {
            answer = new ClickAnswer.UnknownButton();
            detail = "unrecognised button value";
        }
        log.info("message_id={} button={} outcome={} detail={} ms={}",
                click.messageId(), button, answer.label(), detail, clock.millis() - start);
        return answer;
    }

    /** The live view of the clicked card's watch, if it has one: a Refresh keeps a live card live. */
    private WatchView.@Nullable Live live(ButtonClick click, LookupResult.Found found) {
        return watches == null || click.messageId() == null ? null
                : watches.live(click.messageId(), found.fetchedAt()).orElse(null);
    }

    /** Stop, or Watch again, on the clicked card; the card then shows the watch's new state. */
    private ClickAnswer watch(Watches watches, WatchButton button, ButtonClick click, String cardMessageId) {
        String id = button.notificationId();
        LookupResult.@Nullable Found copy = cache.lookup(id, lookupTimeout).either(found -> found, failure -> null);
        return button.accept(new WatchButton.Cases<>() {
            @Override
            public ClickAnswer stop(WatchButton.Stop stop) {
                String by = String.valueOf(click.operatorOpenId());
                watches.stop(cardMessageId, by);
                // Stopped, or ended already: either way the card is final now.
                return new ClickAnswer.Watching(id, copy,
                        new WatchView.Ended(WatchView.Ending.STOPPED, clock.instant(), by));
            }

            @Override
            public ClickAnswer again(WatchButton.Again again) {
                if (copy == null) {
                    // No numbers to show on a live card: say why, as a failed Refresh does; nothing starts.
                    return cache.lookup(id, lookupTimeout).either(found -> new ClickAnswer.Refreshed(found),
                            failure -> new ClickAnswer.RefreshFailed(id, failure));
                }
                WatchView view = watches.plan(String.valueOf(click.chatId()), copy,
                        watches.settings().defaultDuration());
                if (view instanceof WatchView.Live live) {
                    Optional<WatchView.Refusal> refused = watches.started(cardMessageId, String.valueOf(click.chatId()),
                            String.valueOf(click.operatorOpenId()), copy, live);
                    if (refused.isPresent()) {
                        view = new WatchView.Refused(refused.get(), watches.settings().limit());
                    }
                }
                return new ClickAnswer.Watching(id, copy, view);
            }
        });
    }
}
