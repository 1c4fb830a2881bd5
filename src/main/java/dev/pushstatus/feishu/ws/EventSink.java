package dev.pushstatus.feishu.ws;

import dev.pushstatus.inbound.EventAnswer;
import java.util.concurrent.CompletableFuture;

/**
 * Port: the bot's event service, as the long connection sees it. It takes one whole payload (the
 * envelope JSON that the webhook would receive, in plain text) and answers within its budget.
 */
@FunctionalInterface
public interface EventSink {

    /**
     * Handles one payload; the future never fails (the connection answers "deliver again" if it
     * does all the same).
     */
    CompletableFuture<EventAnswer> handle(byte[] payload);
}
