package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outer JSON of every webhook body, in all its generations: v2 events ({@code schema},
 * {@code header}, {@code event}), v1 events and handshakes ({@code type}, {@code token},
 * {@code challenge}) and the encrypted wrapper ({@code encrypt}).
 */
record Envelope(
        @JsonProperty("schema") String schema,
        @JsonProperty("header") Header header,
        @JsonProperty("event") JsonNode event,
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
