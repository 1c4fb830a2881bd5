package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real scheduler adapter: a failing task does not stop the next one, a shut-down executor drops tasks quietly. */
class SchedulerTest {

    @Test
    void aTaskThatThrowsIsLoggedAndTheNextOneStillRuns() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Scheduler scheduler = Scheduler.on(executor);
            CountDownLatch ran = new CountDownLatch(1);

            scheduler.execute(() -> {
                throw new IllegalStateException("a bug");
            });
            scheduler.execute(ran::countDown);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aCancelledTaskDoesNotRun() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Scheduler scheduler = Scheduler.on(executor);
            CountDownLatch ran = new CountDownLatch(1);
            boolean[] cancelledRan = {false};

            scheduler.schedule(Duration.ofHours(1), () -> cancelledRan[0] = true).cancel();
            scheduler.execute(ran::countDown);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan[0]).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aShutDownExecutorDropsTasksWithoutFailing() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        executor.shutdown();

        Scheduler.Cancellable task = Scheduler.on(executor).schedule(Duration.ofSeconds(1), () -> { });

        task.cancel();
    }
}
