package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code event} of {@code im.message.receive_v1}. */
record MessageEvent(
        @JsonProperty("sender") Sender sender,
        @JsonProperty("message") Message message) {

    record Sender(
            @JsonProperty("sender_id") UserIds senderId,
            @JsonProperty("sender_type") String senderType,
            @JsonProperty("tenant_key") String tenantKey) {}

    record UserIds(
            @JsonProperty("open_id") String openId,
            @JsonProperty("union_id") String unionId,
            @JsonProperty("user_id") String userId) {}

    record Message(
            @JsonProperty("message_id") String messageId,
            @JsonProperty("root_id") String rootId,
            @JsonProperty("parent_id") String parentId,
            @JsonProperty("create_time") String createTime,
            @JsonProperty("chat_id") String chatId,
            @JsonProperty("chat_type") String chatType,
            @JsonProperty("message_type") String messageType,
            @JsonProperty("content") String content,
            @JsonProperty("mentions") List<Mention> mentions) {}

    record Mention(
            @JsonProperty("key") String key,
            @JsonProperty("id") UserIds id,
            @JsonProperty("name") String name,
            @JsonProperty("tenant_key") String tenantKey) {}
}
