package dev.pushstatus.bot;

import java.util.Set;

/**
 * Who may ask the bot, beyond being in the app's own tenant.
 *
 * <p>With no list set everyone may. With lists set, a message is allowed when its chat is on
 * the chat list or its sender on the user list: that lets an operator open one ops group to all
 * its members and still let a few named people ask in a direct message.
 */
public record AccessPolicy(Set<String> allowedChats, Set<String> allowedUsers) {

    public AccessPolicy {
        allowedChats = Set.copyOf(allowedChats);
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /** A policy that lets everyone in. */
    public static AccessPolicy open() {
        return new AccessPolicy(Set.of(), Set.of());
    }

    /** Whether the sender may ask in this chat. */
    public boolean allows(String chatId, String senderOpenId) {
        if (allowedChats.isEmpty() && allowedUsers.isEmpty()) {
            return true;
        }
        return allowedChats.contains(chatId) || allowedUsers.contains(senderOpenId);
    }
}
