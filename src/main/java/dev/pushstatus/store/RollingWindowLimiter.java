package dev.pushstatus.store;

import dev.pushstatus.bot.CallBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * At most {@code limit} permits in any rolling window (the helpdesk GET allows 100 a minute).
 *
 * <p>Hand-written because the libraries at hand (Caffeine, Micrometer) have no limiter, and the
 * usual token-bucket ones refill at a steady rate, which would allow more than the documented
 * number of calls in some 60 s window. A deque of the last {@code limit} grant times is exact.
 */
public final class RollingWindowLimiter implements CallBudget {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> grants = new ArrayDeque<>();
    private Instant blockedUntil = Instant.MIN;

    public RollingWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Duration> tryAcquire() {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            return Optional.of(Duration.between(now, blockedUntil));
        }
        Instant windowStart = now.minus(window);
        while (!grants.isEmpty() && !grants.peekFirst().isAfter(windowStart)) {
            grants.removeFirst();
        }
        if (grants.size() < limit) {
            grants.addLast(now);
            return Optional.empty();
        }
        return Optional.of(Duration.between(windowStart, grants.peekFirst()));
    }

    @Override
    public synchronized void blockFor(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }
}
