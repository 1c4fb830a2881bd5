package dev.pushstatus.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The dedupe of one process: each message_id mapped to the future of its first handling.
 *
 * <p>Entries are kept longer than Feishu's retry window (about 7.1 h) and the map is bounded
 * in size, which bounds its bytes too: a message_id is at most 128 characters (the decoder
 * refuses longer ones), so an entry weighs at most about 560 bytes (310 for a real 35-character
 * id); past the bound Caffeine evicts the least useful entries, and the reply uuid (derived from
 * the message_id) still makes Feishu drop a duplicate reply within its own 1 h window.
 */
public final class MemoryDedupe implements MessageDedupe {

    private final Cache<String, CompletableFuture<Outcome>> seen;

    public MemoryDedupe(Duration retention, long maxEntries, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Eviction and expiry bookkeeping on the claiming thread, a little per claim: on the
                // default executor every claim handed it to a pool thread, which cost more CPU in all
                // (and, on a busy machine, 5-6 us per first sighting while the write buffer filled).
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Claim claim(String messageId) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> earlier = seen.asMap().putIfAbsent(messageId, mine);
        return earlier == null ? new Claim(true, mine) : new Claim(false, earlier);
    }

    @Override
    public void finish(String messageId, Claim claim, Outcome outcome) {
        if (!outcome.settled()) {
            forget(messageId, claim);
        }
        // Forgotten first: a redelivery that sees this outcome and comes back finds no claim.
        claim.future().complete(outcome);
    }

    /** Forgets the claim if it is still this one (a later claim on the same id is left alone). */
    void forget(String messageId, Claim claim) {
        seen.asMap().remove(messageId, claim.future());
    }

    @Override
    public long size() {
        return seen.estimatedSize();
    }
}
