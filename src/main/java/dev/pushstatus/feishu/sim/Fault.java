package dev.pushstatus.feishu.sim;

import java.time.Duration;
import java.util.Map;

/** A fault the simulator plays on the next matching call. */
public sealed interface Fault {

    /** Answer with this HTTP status, Feishu code, message and headers. */
    record Error(int httpStatus, int code, String msg, Map<String, String> headers) implements Fault {}

    /** Answer normally, but only after this delay. */
    record Delay(Duration delay) implements Fault {}

    static Fault error(int httpStatus, int code, String msg) {
        return new Error(httpStatus, code, msg, Map.of());
    }

    static Fault rateLimited(int resetSeconds) {
        return new Error(429, 99991400, "request trigger frequency limit",
                Map.of("x-ogw-ratelimit-reset", String.valueOf(resetSeconds)));
    }

    static Fault tokenInvalid() {
        return new Error(400, 99991663, "Invalid access token for authorization.", Map.of());
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /** Which simulated endpoint a fault applies to ({@code WS_ENDPOINT}: the long connection's URL, {@code POST /callback/ws/endpoint}). */
    enum Endpoint { TOKEN, BOT_INFO, HELPDESK, REPLY, UPDATE, WS_ENDPOINT }
}
