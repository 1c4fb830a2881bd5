package dev.pushstatus.inbound;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Port: a timer. The service races each handling against one, so tests drive the budget by
 * completing the future themselves instead of sleeping.
 */
@FunctionalInterface
public interface Deadlines {

    /** A future completed once {@code after} has passed; cancelling it may free the timer early. */
    CompletableFuture<Void> after(Duration after);
}
