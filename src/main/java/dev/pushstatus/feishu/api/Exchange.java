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
    }

    /** No usable answer: timeout, refused connection, or a body that is not JSON. */
    record NoAnswer(String reason) implements Exchange {}
}
