/**
 * The domain: what the bot does with a chat message, in plain records.
 *
 * <p>Command parsing, who may ask, the dedupe of redelivered messages, the notification cache
 * and the handler that ties them together live here. This package speaks only in its own
 * records ({@link dev.pushstatus.bot.IncomingMessage}, {@link dev.pushstatus.bot.Notification},
 * {@link dev.pushstatus.bot.Reply}) and reaches the outside through two ports,
 * {@link dev.pushstatus.bot.NotificationSource} and {@link dev.pushstatus.bot.Replier}. It may
 * import Caffeine and SLF4J, never Javalin, OkHttp or Jackson (an ArchUnit test keeps it so).
 */
@NullMarked
package dev.pushstatus.bot;

import org.jspecify.annotations.NullMarked;
