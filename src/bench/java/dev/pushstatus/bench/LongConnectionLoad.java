package dev.pushstatus.bench;

import dev.pushstatus.feishu.sim.LongConnectionServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The long connection's counterpart of {@link HttpLoad}: a fixed number of threads, each calling
 * {@link LongConnectionServer#deliver(String)} (one push to the bot's one connection, blocking
 * until its ack) back to back, until an event count or a time limit is reached, whichever comes
 * first. All threads share the one WebSocket the bot opened; the threads give the events in flight.
 * An event counts as ok when its one push was acked with code 200; its latency is the deliver call
 * (push written to ack received, as the simulator sees it). Every latency is kept.
 */
final class LongConnectionLoad {

    private final LongConnectionServer server;

    LongConnectionLoad(LongConnectionServer server) {
        this.server = server;
    }

    /** Up to {@code maxEvents} events, {@code inFlight} at a time, stopping at {@code maxSeconds}; event i is {@code events.apply(i)}. */
    HttpLoad.Result run(int inFlight, int maxEvents, double maxSeconds, IntFunction<String> events)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong notOk = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] perWorker = new long[inFlight][];
        int[] counts = new int[inFlight];
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        CountDownLatch done = new CountDownLatch(inFlight);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            int worker = w;
            perWorker[w] = new long[Math.max(16, maxEvents / inFlight + 16)];
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        int i = next.getAndIncrement();
                        if (i >= maxEvents || System.nanoTime() >= deadline) {
                            break;
                        }
                        String event = events.apply(i);
                        long t0 = System.nanoTime();
                        LongConnectionServer.Delivery d = server.deliver(event);
                        long took = System.nanoTime() - t0;
                        if (d.pushes().size() == 1 && d.handled()) {
                            ok.incrementAndGet();
                            if (counts[worker] == perWorker[worker].length) {
                                perWorker[worker] = Arrays.copyOf(perWorker[worker], counts[worker] * 2);
                            }
                            perWorker[worker][counts[worker]++] = took;
                        } else if (d.ack() != null) {
                            notOk.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "wsload-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = HttpLoad.sortedLatencies(perWorker, counts);
        // io_errors: pushes that got no ack (or found no connection) within the ack timeout.
        return new HttpLoad.Result(inFlight, ok.get() + notOk.get() + errors.get(), ok.get(), notOk.get(),
                errors.get(), seconds, all);
    }
}
