package dev.pushstatus.feishu.ws;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port: the connection's timers (pings, watchdog, reconnects) and the thread its blocking endpoint
 * call runs on. Tests drive a fake by hand; {@link #on(ScheduledExecutorService)} is the real one.
 */
interface Scheduler {

    /** Runs {@code task} once after {@code delay}; a task that throws is logged, never lost silently. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} soon, on the scheduler's thread. */
    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }

    /** On an executor; once it is shut down, nothing more runs (and nothing fails). */
    static Scheduler on(ScheduledExecutorService executor) {
        Logger log = LoggerFactory.getLogger(Scheduler.class);
        return (delay, task) -> {
            Runnable guarded = () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("long connection: a scheduled task failed", e);
                }
            };
            try {
                ScheduledFuture<?> future = executor.schedule(guarded, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            } catch (RejectedExecutionException e) {
                log.debug("long connection: scheduler shut down, task dropped");
                return () -> { };
            }
        };
    }
}
