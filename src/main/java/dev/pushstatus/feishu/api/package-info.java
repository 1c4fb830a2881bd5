/**
 * What the bot calls on the Feishu Open Platform, on OkHttp: the tenant access token (cached,
 * refreshed before expiry and once after a token-invalid answer), the bot's own identity, the
 * helpdesk notification GET (rate limited, errors mapped to
 * {@link dev.pushstatus.bot.LookupResult} values) and the message reply.
 *
 * <p>Every call has connect, read and whole-call timeouts. Upstream failures become values,
 * never exceptions. May import OkHttp, Jackson and {@code bot}; never Javalin.
 */
@NullMarked
package dev.pushstatus.feishu.api;

import org.jspecify.annotations.NullMarked;
