package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.Reassembly.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReassemblyTest {

    private final FakeTicker ticker = new FakeTicker();
    private final Reassembly chunks = Reassembly.standard(ticker);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Reassembly.Offer offer) {
        assertThat(offer.status()).isEqualTo(Status.COMPLETE);
        return new String(offer.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void aSingleChunkIsCompleteAtOnceAndHoldsNothing() {
        assertThat(text(chunks.offer("m", 1, 0, utf8("{\"a\":1}")))).isEqualTo("{\"a\":1}");
        assertThat(chunks.pendingSets()).isZero();
        assertThat(chunks.pendingBytes()).isZero();
    }

    @Test
    void joinsChunksArrivingOutOfOrder() {
        assertThat(chunks.offer("m", 3, 2, utf8("ld\"}")).status()).isEqualTo(Status.PENDING);
        assertThat(chunks.offer("m", 3, 0, utf8("{\"hello\":")).status()).isEqualTo(Status.PENDING);
        assertThat(chunks.pendingSets()).isEqualTo(1);
        assertThat(chunks.pendingBytes()).isEqualTo(4 + 9 + 2 * Reassembly.CHUNK_OVERHEAD);

        assertThat(text(chunks.offer("m", 3, 1, utf8("\"wor")))).isEqualTo("{\"hello\":\"world\"}");
        assertThat(chunks.pendingSets()).isZero();
        assertThat(chunks.pendingBytes()).isZero();
    }

    @Test
    void keepsMessagesApartByMessageId() {
        chunks.offer("a", 2, 0, utf8("a0"));
        chunks.offer("b", 2, 1, utf8("b1"));

        assertThat(text(chunks.offer("b", 2, 0, utf8("b0")))).isEqualTo("b0b1");
        assertThat(text(chunks.offer("a", 2, 1, utf8("a1")))).isEqualTo("a0a1");
    }

    @Test
    void ignoresDuplicatesAndKeepsTheFirstCopy() {
        chunks.offer("m", 2, 0, utf8("first"));

        assertThat(chunks.offer("m", 2, 0, utf8("second")).status()).isEqualTo(Status.DUPLICATE);
        assertThat(chunks.pendingBytes()).isEqualTo(5 + Reassembly.CHUNK_OVERHEAD);
        assertThat(text(chunks.offer("m", 2, 1, utf8("|end")))).isEqualTo("first|end");
    }

    @Test
    void ignoresImpossibleIndexesAndAChangedSum() {
        assertThat(chunks.offer("m", 0, 0, utf8("x")).status()).isEqualTo(Status.INVALID);
        assertThat(chunks.offer("m", 2, 2, utf8("x")).status()).isEqualTo(Status.INVALID);
        assertThat(chunks.offer("m", 2, -1, utf8("x")).status()).isEqualTo(Status.INVALID);
        assertThat(chunks.offer("m", Reassembly.MAX_CHUNKS + 1, 0, utf8("x")).status()).isEqualTo(Status.INVALID);

        chunks.offer("m", 2, 0, utf8("x"));
        assertThat(chunks.offer("m", 3, 1, utf8("y")).status()).isEqualTo(Status.INVALID);
        assertThat(text(chunks.offer("m", 2, 1, utf8("y")))).isEqualTo("xy");
    }

    @Test
    void dropsAnIncompleteSetTenSecondsAfterItsFirstChunk() {
        chunks.offer("m", 2, 0, utf8("old"));
        ticker.advance(Duration.ofSeconds(9));
        chunks.offer("other", 2, 0, utf8("o"));
        chunks.purge();
        assertThat(chunks.pendingSets()).isEqualTo(2);

        ticker.advance(Duration.ofSeconds(1));
        chunks.purge();

        assertThat(chunks.pendingSets()).isEqualTo(1);
        assertThat(chunks.expiredSets()).isEqualTo(1);
        assertThat(chunks.pendingBytes()).isEqualTo(1 + Reassembly.CHUNK_OVERHEAD);
        // The late chunk starts a new set instead of completing the dropped one.
        assertThat(chunks.offer("m", 2, 1, utf8("late")).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void aNewChunkPurgesExpiredSetsOnItsOwn() {
        chunks.offer("m", 2, 0, utf8("old"));
        ticker.advance(Duration.ofSeconds(10));

        chunks.offer("n", 2, 0, utf8("new"));

        assertThat(chunks.pendingSets()).isEqualTo(1);
        assertThat(chunks.expiredSets()).isEqualTo(1);
    }

    @Test
    void overTheSetBoundTheOldestSetIsDropped() {
        Reassembly small = new Reassembly(ticker, Duration.ofSeconds(10), 2, 1_000_000);
        small.offer("a", 2, 0, utf8("a"));
        small.offer("b", 2, 0, utf8("b"));
        small.offer("c", 2, 0, utf8("c"));

        assertThat(small.pendingSets()).isEqualTo(2);
        assertThat(small.evictedSets()).isEqualTo(1);
        assertThat(small.offer("a", 2, 1, utf8("a")).status()).isEqualTo(Status.PENDING);
        assertThat(text(small.offer("c", 2, 1, utf8("c")))).isEqualTo("cc");
    }

    @Test
    void overTheByteBoundTheOldestSetsAreDroppedAndASetThatCouldNeverFitIsRefused() {
        long bound = 3 * (100 + Reassembly.CHUNK_OVERHEAD);
        Reassembly small = new Reassembly(ticker, Duration.ofSeconds(10), 100, bound);
        small.offer("a", 3, 0, new byte[100]);
        small.offer("b", 3, 0, new byte[100]);
        small.offer("c", 3, 0, new byte[100]);
        assertThat(small.pendingBytes()).isEqualTo(bound);

        small.offer("c", 3, 1, new byte[100]);
        assertThat(small.evictedSets()).isEqualTo(1);
        assertThat(small.pendingBytes()).isEqualTo(bound);

        small.offer("c", 3, 2, new byte[100]);
        // c completed: 300 bytes joined while only b is left held
        assertThat(small.pendingSets()).isEqualTo(1);

        Reassembly tiny = new Reassembly(ticker, Duration.ofSeconds(10), 100, 2 * (10 + Reassembly.CHUNK_OVERHEAD));
        tiny.offer("x", 3, 0, new byte[10]);
        tiny.offer("x", 3, 1, new byte[10]);
        assertThat(tiny.offer("x", 3, 2, new byte[10]).status()).isEqualTo(Status.REFUSED);
        assertThat(tiny.pendingSets()).isZero();
        assertThat(tiny.pendingBytes()).isZero();
    }

    @Test
    void chunksFromSeveralThreadsJoinEachMessageExactlyOnce() throws Exception {
        int messages = 200;
        int sum = 8;
        List<Runnable> offers = new ArrayList<>();
        ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
        for (int m = 0; m < messages; m++) {
            String id = "m" + m;
            for (int seq = 0; seq < sum; seq++) {
                byte[] chunk = utf8(id + ":" + seq + ";");
                int index = seq;
                // every chunk offered twice: duplicates race with the original
                for (int copy = 0; copy < 2; copy++) {
                    offers.add(() -> {
                        Reassembly.Offer offer = chunks.offer(id, sum, index, chunk);
                        if (offer.status() == Status.COMPLETE) {
                            completed.add(new String(offer.payload(), StandardCharsets.UTF_8));
                        }
                    });
                }
            }
        }
        Collections.shuffle(offers, new java.util.Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            int share = offers.size() / 4;
            for (int t = 0; t < 4; t++) {
                List<Runnable> mine = offers.subList(t * share, (t + 1) * share);
                done.add(pool.submit(() -> {
                    go.await();
                    mine.forEach(Runnable::run);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> expected = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            StringBuilder whole = new StringBuilder();
            for (int seq = 0; seq < sum; seq++) {
                whole.append("m").append(m).append(':').append(seq).append(';');
            }
            expected.add(whole.toString());
        }
        assertThat(completed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(chunks.pendingSets()).isZero();
        assertThat(chunks.pendingBytes()).isZero();
    }

    @Test
    void aChunkOfAMessageCompletedWithinTheMaximumAgeIsADuplicate() {
        chunks.offer("m", 2, 0, utf8("a"));
        chunks.offer("m", 2, 1, utf8("b"));

        ticker.advance(Duration.ofSeconds(9));
        assertThat(chunks.offer("m", 2, 1, utf8("b")).status()).isEqualTo(Status.DUPLICATE);
        assertThat(chunks.pendingSets()).isZero();

        ticker.advance(Duration.ofSeconds(1));
        assertThat(chunks.offer("m", 2, 1, utf8("b")).status()).isEqualTo(Status.PENDING);
    }
}
