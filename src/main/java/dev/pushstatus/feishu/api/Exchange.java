package dev.pushstatus.feishu.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One HTTP exchange with Feishu, reduced to what the callers decide on. */
sealed interface Exchange {

    /**
     * Feishu answered with a JSON body.
     *
     * @param rateLimitReset the {@code x-ogw-ratelimit-reset} header (seconds), or null
     * @param logId          Feishu's {@code X-Tt-Logid}, for support tickets
     */
    record Answered(int httpStatus, int code, String msg, JsonNode body, @Nullable String rateLimitReset,
                    @Nullable String logId) implements Exchange {

        @Override
        public <R> R either(Function<Answered, R> answered, Function<NoAnswer, R> none) {
            return answered.apply(this);
        }

        @Override
        public boolean retryable() {
            return transientFailure();
        }

        @Override
        public String describe() {
            return "http " + httpStatus + " code " + code + " (" + msg + ") logid=" + logId;
        }

        boolean ok() {
            return code == 0 && httpStatus / 100 == 2;
        }

        boolean tokenInvalid() {
            return FeishuCodes.TOKEN_INVALID.contains(code);
        }

        /** A server-side failure that may well pass if tried again (5xx, Feishu's internal error). */
        boolean transientFailure() {
            return httpStatus >= 500 || code == FeishuCodes.INTERNAL_ERROR;
        }
    }

    /**
     * No usable answer: timeout, refused connection, or a body that is not JSON.
     *
     * @param transientFailure whether trying again may help (timeouts, broken connections, 5xx pages)
     */
    record NoAnswer(String reason, boolean transientFailure) implements Exchange {
        @Override
        public <R> R either(Function<Answered, R> answered, Function<NoAnswer, R> none) {
            return none.apply(this);
        }

        @Override
        public boolean retryable() {
            return transientFailure;
        }

        @Override
        public String describe() {
            return reason;
        }
    }

    /** Feishu's answer, or the lack of one: exactly one of the two functions is called. */
    <R> R either(Function<Answered, R> answered, Function<NoAnswer, R> none);

    /** Whether another try may succeed where this one failed. */
    boolean retryable();

    /** One line for logs: status, code and log id, or why there was no answer. */
    String describe();
}
