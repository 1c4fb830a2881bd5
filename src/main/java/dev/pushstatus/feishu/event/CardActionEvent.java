package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The {@code event} of {@code card.action.trigger}, and the flat legacy card callback. */
record CardActionEvent(
        @JsonProperty("operator") Operator operator,
        @JsonProperty("action") Action action,
        @JsonProperty("context") Context context) {

    record Operator(
            @JsonProperty("tenant_key") String tenantKey,
            @JsonProperty("open_id") String openId,
            @JsonProperty("user_id") String userId) {}

    record Action(
            @JsonProperty("tag") String tag,
            @JsonProperty("value") JsonNode value) {}

    record Context(
            @JsonProperty("open_message_id") String openMessageId,
            @JsonProperty("open_chat_id") String openChatId) {}

    /** The legacy callback: the same facts, flat. */
    record Legacy(
            @JsonProperty("open_id") String openId,
            @JsonProperty("user_id") String userId,
            @JsonProperty("open_message_id") String openMessageId,
            @JsonProperty("open_chat_id") String openChatId,
            @JsonProperty("tenant_key") String tenantKey,
            @JsonProperty("token") String token,
            @JsonProperty("action") Action action) {}
}
