package dev.pushstatus.bot;

/** Where a message was written: a direct chat with the bot, or a group (topic groups included). */
public enum ChatType {
    P2P,
    GROUP
}
