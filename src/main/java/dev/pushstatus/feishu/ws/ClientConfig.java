package dev.pushstatus.feishu.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The long connection's settings, as Feishu sets them: in the endpoint answer
 * ({@code data.ClientConfig}) and in a pong's payload. Times are whole seconds on the wire.
 *
 * @param pingInterval how often to ping (and, plus 30 s, how long a silent connection is trusted)
 * @param reconnectCount how many tries after a connection is lost; negative means forever
 * @param reconnectInterval the wait between two failed tries
 * @param reconnectNonce the upper bound of the random wait before the first try
 */
public record ClientConfig(Duration pingInterval, int reconnectCount, Duration reconnectInterval,
                           Duration reconnectNonce) {

    public ClientConfig {
        if (notPositive(pingInterval) || notPositive(reconnectInterval) || reconnectNonce.isNegative()) {
            throw new IllegalArgumentException("intervals must be positive and the nonce not negative: " + pingInterval
                    + ", " + reconnectInterval + ", " + reconnectNonce);
        }
    }

    /** Before Feishu says otherwise: ping every 120 s, retry forever every 120 s, first after 0..30 s. */
    public static ClientConfig defaults() {
        return new ClientConfig(Duration.ofSeconds(120), -1, Duration.ofSeconds(120), Duration.ofSeconds(30));
    }

    /** Whether reconnecting never gives up. */
    public boolean retriesForever() {
        return reconnectCount < 0;
    }

    /**
     * These settings with the ones in {@code json} applied: {@code PingInterval},
     * {@code ReconnectInterval} and {@code ReconnectNonce} when present as positive whole numbers;
     * {@code ReconnectCount} when present as a non-zero whole number, a negative one meaning
     * "forever". An absent, zero, negative (save the count), fractional or non-numeric value, or
     * anything that is not an object, leaves the setting as it was. A zero count is ignored like
     * a zero anywhere else: applying it would end reconnecting at the first lost connection.
     */
    public ClientConfig apply(JsonNode json) {
        if (!json.isObject()) {
            return this;
        }
        return new ClientConfig(
                seconds(json.get("PingInterval"), pingInterval),
                count(json.get("ReconnectCount"), reconnectCount),
                seconds(json.get("ReconnectInterval"), reconnectInterval),
                seconds(json.get("ReconnectNonce"), reconnectNonce));
    }

    /** For logs: {@code ping 120 s, reconnect forever every 120 s after 0..30 s}. */
    public String describe() {
        return "ping " + pingInterval.toSeconds() + " s, reconnect "
                + (retriesForever() ? "forever" : reconnectCount + " times") + " every "
                + reconnectInterval.toSeconds() + " s after 0.." + reconnectNonce.toSeconds() + " s";
    }

    private static boolean notPositive(Duration duration) {
        return duration.isZero() || duration.isNegative();
    }

    private static Duration seconds(@Nullable JsonNode value, Duration current) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            return current;
        }
        // Beyond a day nothing is meant literally; capped so that later arithmetic cannot overflow.
        return Duration.ofSeconds(Math.min(value.longValue(), Duration.ofDays(1).toSeconds()));
    }

    private static int count(@Nullable JsonNode value, int current) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() == 0) {
            return current;
        }
        long count = value.longValue();
        return count < 0 ? -1 : (int) Math.min(count, Integer.MAX_VALUE);
    }
}
