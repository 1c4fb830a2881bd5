package dev.pushstatus.feishu.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One HTTP exchange with Feishu, reduced to what the callers decide on. */
sealed interface Exchange {

    /**
     * Feishu answered with a JSON body.
     *
     * @param rateLimitReset the {@code x-ogw-ratelimit-reset} header (seconds), or null
     * @param logId          Feishu's {@code X-Tt-Logid}, for support tickets
     */
    record Answered(int httpStatus, int code, String msg, JsonNode body, String rateLimitReset, String logId)
            implements Exchange {

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
    record NoAnswer(String reason, boolean transientFailure) implements Exchange {}

    /** Whether another try may succeed where this one failed. */
    default boolean retryable() {
        return this instanceof Answered a ? a.transientFailure() : ((NoAnswer) this).transientFailure();
    }
}
