package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.RecordedReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A burst of 1,000 events: every message answered exactly once, /healthz answering throughout, pools bounded. */
class BurstIT {

    static final int EVENTS = 1_000;
    static final int CONNECTIONS = 64;
    BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BotHarness.encrypted();
        h.sim.reset();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aThousandEventsAreEachAnsweredOnceWhileHealthStaysUpAndPoolsStayBounded() throws Exception {
        List<EventFactory.Message> messages = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            // Half of them are duplicates of the message before: Feishu redelivering.
            messages.add(i % 2 == 1 ? messages.get(i - 1) : EventFactory.Message.p2p("/ps " + PushStatusIT.SEED_ID));
        }
        AtomicBoolean bursting = new AtomicBoolean(true);
        AtomicInteger healthChecks = new AtomicInteger();
        ConcurrentLinkedQueue<Integer> healthCodes = new ConcurrentLinkedQueue<>();
        AtomicInteger mostHandlerThreads = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (bursting.get()) {
                try {
                    healthCodes.add(h.get("/healthz").code());
                } catch (java.io.IOException e) {
                    healthCodes.add(-1);
                }
                healthChecks.incrementAndGet();
                mostHandlerThreads.accumulateAndGet(threadsNamed("handler-"), Math::max);
            }
        }, "health-watcher");

        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        ConcurrentLinkedQueue<EventFactory.Message> notSettled = new ConcurrentLinkedQueue<>();
        try {
            watcher.start();
            List<Future<?>> sent = new ArrayList<>();
            for (EventFactory.Message message : messages) {
                sent.add(clients.submit(() -> {
                    if (h.deliver(message) != 200) {
                        notSettled.add(message);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            bursting.set(false);
            watcher.join();
            clients.shutdownNow();
        }
        // What was not settled, Feishu delivers again.
        for (EventFactory.Message again : notSettled) {
            assertThat(h.deliver(again)).isEqualTo(200);
        }

        List<RecordedReply> replies = h.sim.replies();
        Set<String> answered = replies.stream().map(RecordedReply::replyToMessageId).collect(Collectors.toSet());
        assertThat(replies).as("one reply per distinct message").hasSize(EVENTS / 2);
        assertThat(answered).hasSize(EVENTS / 2);
        assertThat(healthChecks.get()).as("health checks during the burst").isPositive();
        assertThat(healthCodes).as("/healthz during the burst").containsOnly(200);
        assertThat(mostHandlerThreads.get()).as("handler threads").isLessThanOrEqualTo(16);
        assertThat(h.sim.calls("/open-apis/helpdesk")).as("one lookup, the rest from the cache").hasSize(1);
    }

    private static int threadsNamed(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
