package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings at their edges: a count of 0 or 1 is not "forever"; zero or negative intervals are refused, either one. */
class ClientConfigEdgesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void onlyANegativeCountRetriesForever() {
        assertThat(new ClientConfig(SECOND, -1, SECOND, SECOND).retriesForever()).isTrue();
        assertThat(new ClientConfig(SECOND, 0, SECOND, SECOND).retriesForever()).isFalse();
        assertThat(new ClientConfig(SECOND, 1, SECOND, SECOND).retriesForever()).isFalse();
        assertThat(new ClientConfig(SECOND, 0, SECOND, Duration.ZERO).describe())
                .isEqualTo("ping 1 s, reconnect 0 times every 1 s after 0..0 s");
    }

    @Test
    void aZeroOrNegativePingOrReconnectIntervalIsRefused() {
        Duration negative = Duration.ofSeconds(-1);
        assertThatThrownBy(() -> new ClientConfig(Duration.ZERO, -1, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientConfig(negative, -1, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientConfig(SECOND, -1, Duration.ZERO, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientConfig(SECOND, -1, negative, SECOND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intervals must be positive and the nonce not negative: PT1S, PT-1S, PT1S");
        assertThat(new ClientConfig(Duration.ofNanos(1), -1, Duration.ofNanos(1), Duration.ZERO).pingInterval())
                .isEqualTo(Duration.ofNanos(1));
    }
}
