package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.api.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** At most 100 permits in any rolling 60 s, and an honest wait when none is left. */
class RollingWindowLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    private final RollingWindowLimiter limiter = new RollingWindowLimiter(100, MINUTE, clock);

    private int grantedNow(int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire().isEmpty()) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void grantsExactlyTheLimitAtOnce() {
        assertThat(grantedNow(150)).isEqualTo(100);
    }

    @Test
    void theWaitIsTheTimeUntilTheOldestGrantLeavesTheWindow() {
        grantedNow(100);

        assertThat(limiter.tryAcquire()).contains(MINUTE);

        clock.advance(Duration.ofSeconds(59).plusMillis(999));
        assertThat(limiter.tryAcquire()).contains(Duration.ofMillis(1));

        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire()).isEmpty();
    }

    @Test
    void theWindowRollsInsteadOfResetting() {
        assertThat(grantedNow(50)).isEqualTo(50);
        clock.advance(Duration.ofSeconds(30));
        assertThat(grantedNow(80)).isEqualTo(50);

        clock.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryAcquire()).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(grantedNow(80)).as("the first 50 left the window, the second 50 did not").isEqualTo(50);
        assertThat(limiter.tryAcquire()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSteadyCallerNeverGetsMoreThanTheLimitInAnyWindow() {
        int[] grantedAt = new int[600];
        for (int second = 0; second < 600; second++) {
            grantedAt[second] = grantedNow(3);
            clock.advance(Duration.ofSeconds(1));
        }
        for (int start = 0; start + 60 <= 600; start++) {
            int inWindow = 0;
            for (int s = start; s < start + 60; s++) {
                inWindow += grantedAt[s];
            }
            assertThat(inWindow).as("window starting at %d s", start).isLessThanOrEqualTo(100);
        }
        assertThat(java.util.Arrays.stream(grantedAt).sum()).isEqualTo(1000);
    }

    @Test
    void refusedAttemptsDoNotUseUpPermits() {
        grantedNow(100);
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire();
        }
        clock.advance(MINUTE);

        assertThat(grantedNow(100)).isEqualTo(100);
    }

    @Test
    void aLimitBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> new RollingWindowLimiter(0, MINUTE, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLimitOfOneAllowsOnePerWindow() {
        var single = new RollingWindowLimiter(1, Duration.ofSeconds(10), clock);

        assertThat(single.tryAcquire()).isEqualTo(Optional.empty());
        assertThat(single.tryAcquire()).contains(Duration.ofSeconds(10));
    }
}
