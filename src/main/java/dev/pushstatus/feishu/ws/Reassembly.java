package dev.pushstatus.feishu.ws;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Joins the chunks of a payload that Feishu split over several frames: all of one WebSocket
 * message share its {@code message_id}; {@code sum} says how many there are and {@code seq} which
 * this is, from 0.
 *
 * <p>Thread-safe (one lock; chunks of one message may arrive on different threads). Chunks may
 * come in any order; a second copy of a chunk is ignored, also when it comes after its message was
 * completed (completed ids are remembered for {@code maxAge}, at most {@code maxSets} of them). A set still incomplete {@code maxAge}
 * after its first chunk (on the injected ticker) is dropped: Feishu pushes an unacknowledged event
 * again. Bounded: at most {@code maxSets} incomplete sets and {@code maxBytes} held (each chunk
 * weighs its length plus {@link #CHUNK_OVERHEAD}); past a bound the oldest sets are dropped to make
 * room, and a set that could never fit is refused.
 */
public final class Reassembly {

    /** How long an incomplete set is kept: the SDKs keep theirs 5 s to 5 min, Feishu wants an ack in 3 s. */
    public static final Duration MAX_AGE = Duration.ofSeconds(10);
    public static final int MAX_SETS = 1_000;
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    /** The most chunks one message may announce. */
    public static final int MAX_CHUNKS = 10_000;
    /** What each held chunk is counted as beyond its bytes, so that many tiny chunks stay bounded too. */
    static final int CHUNK_OVERHEAD = 64;

    /** What became of one chunk. */
    public enum Status {
        /** The last missing chunk: {@link Offer#payload()} holds the joined payload. */
        COMPLETE,
        /** Kept; more chunks are to come. */
        PENDING,
        /** A chunk already held: ignored. */
        DUPLICATE,
        /** {@code sum} or {@code seq} out of range, or {@code sum} differs from the set's: ignored. */
        INVALID,
        /** The set could never fit the byte bound: dropped with what it held. */
        REFUSED
    }

    /**
     * The outcome of {@link #offer}.
     *
     * @param payload the joined payload when {@code status} is {@code COMPLETE}, else null
     */
    public record Offer(Status status, byte @Nullable [] payload) {
    }

    private final Ticker ticker;
    private final long maxAgeNanos;
    private final int maxSets;
    private final long maxBytes;
    /** In order of creation, which with one maximum age is also the order of expiry. */
    private final LinkedHashMap<String, ChunkSet> sets = new LinkedHashMap<>();
    /** Ids of completed multi-chunk messages and when they completed, oldest first. */
    private final LinkedHashMap<String, Long> completed = new LinkedHashMap<>();
    private long heldBytes;
    private long expired;
    private long evicted;

    public Reassembly(Ticker ticker, Duration maxAge, int maxSets, long maxBytes) {
        if (maxAge.isNegative() || maxAge.isZero() || maxSets <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.ticker = ticker;
        this.maxAgeNanos = maxAge.toNanos();
        this.maxSets = maxSets;
        this.maxBytes = maxBytes;
    }

    /** 10 s, 1,000 sets, 16 MiB. */
    public static Reassembly standard(Ticker ticker) {
        return new Reassembly(ticker, MAX_AGE, MAX_SETS, MAX_BYTES);
    }

    /** Takes chunk {@code seq} of {@code sum} of message {@code messageId}. */
    public synchronized Offer offer(String messageId, int sum, int seq, byte[] chunk) {
        purge();
        if (sum < 1 || sum > MAX_CHUNKS || seq < 0 || seq >= sum) {
            return new Offer(Status.INVALID, null);
        }
        if (sum == 1) {
            return new Offer(Status.COMPLETE, chunk.clone());
        }
        long weight = (long) chunk.length + CHUNK_OVERHEAD;
        if (completed.containsKey(messageId)) {
            return new Offer(Status.DUPLICATE, null);
        }
        ChunkSet set = sets.get(messageId);
        if (set != null && set.sum != sum) {
            return new Offer(Status.INVALID, null);
        }
        if (set != null && set.chunks.containsKey(seq)) {
            return new Offer(Status.DUPLICATE, null);
        }
        if ((set == null ? 0 : set.bytes) + weight > maxBytes) {
            if (set != null) {
                remove(messageId);
            }
            return new Offer(Status.REFUSED, null);
        }
        if (set == null) {
            set = new ChunkSet(sum, ticker.read());
            sets.put(messageId, set);
        }
        set.chunks.put(seq, chunk.clone());
        set.bytes += weight;
        heldBytes += weight;
        if (set.chunks.size() == sum) {
            remove(messageId);
            completed.put(messageId, ticker.read());
            if (completed.size() > maxSets) {
                completed.remove(completed.keySet().iterator().next());
            }
            return new Offer(Status.COMPLETE, set.join());
        }
        makeRoom(messageId);
        return new Offer(Status.PENDING, null);
    }

    /** Drops the sets that have waited longer than the maximum age. */
    public synchronized void purge() {
        long now = ticker.read();
        for (Iterator<Map.Entry<String, ChunkSet>> it = sets.entrySet().iterator(); it.hasNext(); ) {
            ChunkSet set = it.next().getValue();
            if (now - set.createdNanos < maxAgeNanos) {
                break;
            }
            it.remove();
            heldBytes -= set.bytes;
            expired++;
        }
        for (Iterator<Long> it = completed.values().iterator(); it.hasNext(); ) {
            if (now - it.next() < maxAgeNanos) {
                break;
            }
            it.remove();
        }
    }

    /** Incomplete sets held now. */
    public synchronized int pendingSets() {
        return sets.size();
    }

    /** Bytes held now, as weighed against the bound. */
    public synchronized long pendingBytes() {
        return heldBytes;
    }

    /** Sets dropped so far because they stayed incomplete too long. */
    public synchronized long expiredSets() {
        return expired;
    }

    /** Sets dropped so far to stay within the bounds. */
    public synchronized long evictedSets() {
        return evicted;
    }

    /** Drops the oldest sets other than {@code keep} while over a bound. */
    private void makeRoom(String keep) {
        for (Iterator<Map.Entry<String, ChunkSet>> it = sets.entrySet().iterator();
             it.hasNext() && (sets.size() > maxSets || heldBytes > maxBytes); ) {
            Map.Entry<String, ChunkSet> oldest = it.next();
            if (!oldest.getKey().equals(keep)) {
                it.remove();
                heldBytes -= oldest.getValue().bytes;
                evicted++;
            }
        }
    }

    private void remove(String messageId) {
        ChunkSet set = sets.remove(messageId);
        if (set != null) {
            heldBytes -= set.bytes;
        }
    }

    private static final class ChunkSet {
        final int sum;
        final long createdNanos;
        final TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        long bytes;

        ChunkSet(int sum, long createdNanos) {
            this.sum = sum;
            this.createdNanos = createdNanos;
        }

        byte[] join() {
            int length = 0;
            for (byte[] chunk : chunks.values()) {
                length += chunk.length;
            }
            byte[] joined = new byte[length];
            int at = 0;
            for (byte[] chunk : chunks.values()) {
                System.arraycopy(chunk, 0, joined, at, chunk.length);
                at += chunk.length;
            }
            return joined;
        }
    }
}
