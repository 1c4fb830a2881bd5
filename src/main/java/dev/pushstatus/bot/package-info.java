/**
 * The domain: what the bot does with a chat message, in plain records.
 *
 * <p>Command parsing, who may ask, the dedupe of redelivered messages, the notification cache
 * and the handler that ties them together live here. This package speaks only in its own
 * records ({@link dev.pushstatus.bot.IncomingMessage}, {@link dev.pushstatus.bot.Notification},
 * {@link dev.pushstatus.bot.Reply}) and reaches the outside through ports: Feishu through
 * {@link dev.pushstatus.bot.NotificationSource} and {@link dev.pushstatus.bot.Replier}; state that
 * several replicas share through {@link dev.pushstatus.bot.MessageDedupe},
 * {@link dev.pushstatus.bot.CallBudget} and {@link dev.pushstatus.bot.NotificationStore} (the
 * {@code store} package implements them in memory and on Redis). It may import Caffeine and SLF4J,
 * never Javalin, OkHttp, Jackson or Lettuce (an ArchUnit test keeps it so).
 */
@NullMarked
package dev.pushstatus.bot;

import org.jspecify.annotations.NullMarked;
