package dev.pushstatus.feishu.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} driven by hand on a {@link FakeTicker}: {@link #advance} moves the ticker,
 * running each task that falls due at its own time, in order. Nothing runs on its own.
 */
final class FakeScheduler implements Scheduler {

    /** One scheduled task. */
    static final class Task implements Cancellable {
        final long due;
        final Runnable run;
        final long order;
        boolean cancelled;

        Task(long due, Runnable run, long order) {
            this.due = due;
            this.run = run;
            this.order = order;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final FakeTicker ticker;
    private final List<Task> tasks = new ArrayList<>();
    private long scheduled;

    FakeScheduler(FakeTicker ticker) {
        this.ticker = ticker;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(ticker.read() + delay.toNanos(), task, scheduled++);
        tasks.add(t);
        return t;
    }

    /** Runs what is due now (including tasks scheduled for now by those tasks). */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time on by {@code by}, running every task due on the way at its due time. */
    void advance(Duration by) {
        long target = ticker.read() + by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream().filter(t -> t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next != null) {
                    tasks.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            if (next.due > ticker.read()) {
                ticker.set(next.due);
            }
            next.run.run();
        }
        ticker.set(Math.max(target, ticker.read()));
    }

    /** Tasks waiting, not cancelled. */
    synchronized int pending() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.size();
    }

    /** Delays from now of the tasks waiting, soonest first. */
    synchronized List<Duration> pendingDelays() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.stream().sorted(Comparator.comparingLong(t -> t.due))
                .map(t -> Duration.ofNanos(t.due - ticker.read())).toList();
    }
}
