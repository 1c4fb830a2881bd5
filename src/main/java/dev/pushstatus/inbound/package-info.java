/**
 * The transport-free event service: one path from "Feishu sent these bytes" to "this is the
 * answer", whichever way the bytes arrived.
 *
 * <p>{@link dev.pushstatus.inbound.EventService} decodes the request ({@code feishu.event}),
 * dispatches the event to the domain's handlers ({@code bot}) on their bounded executor, waits
 * within the handling budget, renders click answers ({@code feishu.card}) and returns an
 * {@link dev.pushstatus.inbound.EventAnswer}: done, deliver again, rejected, or a callback
 * answer. A transport only turns that answer into its own form: {@code web} into an HTTP status
 * and body, the long connection into an ack frame. Nothing here knows Javalin, OkHttp or a socket,
 * so every answer is unit-tested with an injected deadline and no sleeping.
 */
@NullMarked
package dev.pushstatus.inbound;

import org.jspecify.annotations.NullMarked;
