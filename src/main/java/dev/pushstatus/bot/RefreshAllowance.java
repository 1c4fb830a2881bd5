package dev.pushstatus.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;

/**
 * Each operator's share of the helpdesk budget for Refresh clicks: a token bucket per person
 * (Bucket4j), so one person clicking Refresh on card after card, or a script replaying clicks,
 * cannot spend the 100 lookups a minute that everyone shares.
 */
public final class RefreshAllowance {

    /** Refreshes one person may start per minute; a tenth of Feishu's helpdesk budget. */
    public static final int PER_MINUTE = 10;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final long MAX_PEOPLE = 10_000;

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    public RefreshAllowance(Ticker ticker) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return ticker.read();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(FORGET_AFTER)
                .maximumSize(MAX_PEOPLE)
                .ticker(ticker)
                .build();
    }

    /** Takes one refresh from the person's allowance; empty when granted, else how long until the next. */
    public Optional<Duration> take(Requester requester) {
        // Without an open_id the chat is the one who asks; without either, everyone nameless shares one bucket.
        String who = requester.openId() != null ? "u:" + requester.openId()
                : requester.chatId() != null ? "c:" + requester.chatId() : "-";
        ConsumptionProbe probe = buckets.get(who, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(PER_MINUTE).refillGreedy(PER_MINUTE, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
