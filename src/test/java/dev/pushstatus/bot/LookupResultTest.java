package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures may pass by themselves (so an older copy may stand in), and what "stale" means. */
class LookupResultTest {

    @Test
    void onlyARateLimitOrNoAnswerIsPassing() {
        assertThat(new LookupResult.RateLimited(Duration.ofSeconds(1)).passing()).isTrue();
        assertThat(new LookupResult.Unavailable("E-1", "timeout").passing()).isTrue();
        assertThat(new LookupResult.NotFound("1").passing()).isFalse();
        assertThat(new LookupResult.Forbidden(154001, "x").passing()).isFalse();
    }

    @Test
    void aFreshCopyIsNotStaleAndACopyStandingInIs() {
        LookupResult.Found fresh = NotificationCacheTest.found();
        LookupResult.RateLimited busy = new LookupResult.RateLimited(Duration.ofSeconds(4));

        assertThat(fresh.stale()).isFalse();
        assertThat(fresh.staleBecause()).isNull();
        LookupResult.Found stale = fresh.asStale(busy);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.staleBecause()).isEqualTo(busy);
        assertThat(stale.notification()).isEqualTo(fresh.notification());
        assertThat(stale.fetchedAt()).isEqualTo(fresh.fetchedAt());
    }
}
