/**
 * What Feishu sends the bot: the webhook envelope, its decryption and signature checks, and the
 * event records (chat messages, card actions) turned into the domain's
 * {@link dev.pushstatus.bot.IncomingMessage}.
 *
 * <p>Everything here is pure (bytes and headers in, a {@link dev.pushstatus.feishu.event.DecodeResult}
 * out), so every unhappy path is unit-testable without a socket. May import Jackson and
 * {@code bot}; never Javalin or OkHttp.
 */
@NullMarked
package dev.pushstatus.feishu.event;

import org.jspecify.annotations.NullMarked;
