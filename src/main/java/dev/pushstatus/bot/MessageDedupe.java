package dev.pushstatus.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers which message_ids are being or have been handled, so that a redelivery never
 * produces a second reply.
 *
 * <p>Entries are kept longer than Feishu's retry window (about 7.1 h) and the map is bounded
 * in size, which bounds its bytes too: a message_id is at most 128 characters (the decoder
 * refuses longer ones), so an entry weighs at most about 560 bytes (310 for a real 35-character id); past the bound Caffeine evicts the least useful entries, and the reply uuid (derived
 * from the message_id) still makes Feishu drop a duplicate reply within its own 1 h window.
 */
public final class MessageDedupe {

    private final Cache<String, CompletableFuture<Outcome>> seen;

    public MessageDedupe(Duration retention, long maxEntries, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .build();
    }

    /** Claims a message: either the caller now owns it, or it was seen before. */
    public Claim claim(String messageId) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> earlier = seen.asMap().putIfAbsent(messageId, mine);
        return earlier == null ? new Claim(true, mine) : new Claim(false, earlier);
    }

    /** Forgets a claim whose handling failed, so that Feishu's redelivery is handled afresh. */
    public void release(String messageId, CompletableFuture<Outcome> claim) {
        seen.asMap().remove(messageId, claim);
    }

    /** How many message_ids are remembered now. */
    public long size() {
        return seen.estimatedSize();
    }

    /**
     * The result of {@link #claim}.
     *
     * @param first  true on first sighting: the caller handles the message and completes the
     *               future; false when seen before: the future completes (or completed) with the
     *               first handling's outcome
     * @param future the handling's outcome
     */
    public record Claim(boolean first, CompletableFuture<Outcome> future) {}
}
