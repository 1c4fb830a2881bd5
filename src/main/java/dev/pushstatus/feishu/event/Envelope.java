package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The outer JSON of every webhook body, in all its generations: v2 events ({@code schema},
 * {@code header}, {@code event}), v1 events and handshakes ({@code type}, {@code token},
 * {@code challenge}) and the encrypted wrapper ({@code encrypt}).
 *
 * <p>The {@code event} is kept as Jackson's tokens, not a tree: it is bound once to its record
 * when its type is known, and building a tree first and binding the tree was a sixth of decoding
 * an event (docs/benchmarks.md).
 */
record Envelope(
        @JsonProperty("schema") String schema,
        @JsonProperty("header") Header header,
        @JsonProperty("event") @Nullable TokenBuffer event,
        @JsonProperty("type") String type,
        @JsonProperty("token") String token,
        @JsonProperty("challenge") String challenge,
        @JsonProperty("encrypt") String encrypt) {

    /** The v2 header. */
    record Header(
            @JsonProperty("event_id") String eventId,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("create_time") String createTime,
            @JsonProperty("token") String token,
            @JsonProperty("app_id") String appId,
            @JsonProperty("tenant_key") String tenantKey) {}

    boolean isUrlVerification() {
        return "url_verification".equals(type);
    }

    boolean isV2() {
        return "2.0".equals(schema) && header != null;
    }

    /** The verification token wherever this generation carries it. */
    String verificationToken() {
        return isV2() ? header.token() : token;
    }
}
