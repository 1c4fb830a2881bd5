package dev.pushstatus.bot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where running watches live. In this process by default (they end with it), on Redis with
 * {@code REDIS_URL}, where they survive restarts and exactly one replica drives each check.
 */
public interface WatchStore {

    /**
     * Adds a watch unless {@code limit} watches run already, or {@code perChat} in its chat; one
     * atomic step, so that concurrent starts cannot pass a limit together. A watch of the same card
     * is replaced.
     */
    Optional<WatchView.Refusal> add(Watch watch, int limit, int perChat);

    /** Whether a watch may start in this chat now (the same limits as {@link #add}, without adding). */
    Optional<WatchView.Refusal> admits(String chatId, int limit, int perChat);

    /**
     * The watches due at {@code now}, at most {@code max}, each handed to this caller alone until it
     * {@link #save}s or {@link #remove}s it (on Redis: a lease that another replica takes over if
     * this one dies).
     */
    List<Watch> takeDue(Instant now, int max);

    /** Stores the watch's next state and gives it back. */
    void save(Watch watch);

    /** Ends the watch of this card; the watch as it was, if there was one. */
    Optional<Watch> remove(String cardMessageId);

    /** The watch of this card, if one runs. */
    Optional<Watch> find(String cardMessageId);

    /** How many watches run now. */
    int count();
}
