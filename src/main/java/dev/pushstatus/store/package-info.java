/**
 * Shared state behind the domain's ports ({@link dev.pushstatus.bot.MessageDedupe},
 * {@link dev.pushstatus.bot.CallBudget}, {@link dev.pushstatus.bot.NotificationStore}): in this
 * process's memory (the default), or on Redis when {@code REDIS_URL} is set, so that several
 * replicas of one app behave as one bot.
 *
 * <p>Every Redis call goes through {@link dev.pushstatus.store.RedisLink}, which bounds it with a
 * timeout and, when Redis cannot be reached, falls back to this process's memory for a while and
 * says so once. Keys start with the app id ({@link dev.pushstatus.store.RedisKeys}) and every key
 * has a TTL. May import {@code bot}, Caffeine, Lettuce and Jackson; nothing of the web or Feishu.
 */
@NullMarked
package dev.pushstatus.store;

import org.jspecify.annotations.NullMarked;
