package dev.pushstatus.bot;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A chat message addressed to the bot, already decrypted and verified by the event adapter.
 *
 * @param messageId     Feishu's message_id; the key for dedupe and for the reply
 * @param chatId        the chat it was written in
 * @param chatType      p2p or group
 * @param senderOpenId  the sender's open_id
 * @param senderIsUser  false for messages sent by apps and bots
 * @param senderTenant  the sender's tenant_key
 * @param appTenant     the tenant the event was delivered for (the app's own tenant)
 * @param text          the text with every mention placeholder removed, or null when the
 *                      message was not text (image, file, ...)
 * @param mentionedOpenIds open_ids of everyone mentioned in the message
 */
public record IncomingMessage(
        String messageId,
        @Nullable String chatId,
        ChatType chatType,
        @Nullable String senderOpenId,
        boolean senderIsUser,
        @Nullable String senderTenant,
        @Nullable String appTenant,
        @Nullable String text,
        Set<String> mentionedOpenIds) {

    public IncomingMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(chatType, "chatType");
        mentionedOpenIds = Set.copyOf(mentionedOpenIds);
    }

    /** Whether the message mentions the given bot. */
    public boolean mentions(String botOpenId) {
        return mentionedOpenIds.contains(botOpenId);
    }

    /** Who asks, for the {@link AccessGate}. */
    public Requester requester() {
        return new Requester(senderOpenId, senderTenant, chatId, appTenant);
    }
}
