package dev.pushstatus.app;

import dev.pushstatus.inbound.Deadlines;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Deadlines} on a scheduler thread; a deadline cancelled early takes its timer task with it. */
final class ScheduledDeadlines implements Deadlines {

    private final ScheduledExecutorService scheduler;

    /** @param scheduler should remove cancelled tasks at once, or every answered event leaves a task queued for the budget */
    ScheduledDeadlines(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public CompletableFuture<Void> after(Duration after) {
        CompletableFuture<Void> passed = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> passed.complete(null), after.toNanos(), TimeUnit.NANOSECONDS);
        passed.whenComplete((done, cancelled) -> timer.cancel(false));
        return passed;
    }
}
