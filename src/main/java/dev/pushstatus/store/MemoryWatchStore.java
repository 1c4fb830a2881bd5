package dev.pushstatus.store;

import dev.pushstatus.bot.Watch;
import dev.pushstatus.bot.WatchStore;
import dev.pushstatus.bot.WatchView;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watches of one process: they end when it stops (the README says so). One scheduler thread
 * takes due watches, so a taken watch needs no lease here; {@link #save} of a watch removed
 * meanwhile (Stop pressed during its check) does not bring it back.
 */
public final class MemoryWatchStore implements WatchStore {

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<WatchView.Refusal> add(Watch watch, int limit, int perChat) {
        Watch replaced = watches.remove(watch.cardMessageId());
        Optional<WatchView.Refusal> refused = admits(watch.chatId(), limit, perChat);
        if (refused.isPresent()) {
            if (replaced != null) {
                watches.put(replaced.cardMessageId(), replaced);
            }
            return refused;
        }
        watches.put(watch.cardMessageId(), watch);
        return Optional.empty();
    }

    @Override
    public synchronized Optional<WatchView.Refusal> admits(String chatId, int limit, int perChat) {
        if (watches.size() >= limit) {
            return Optional.of(WatchView.Refusal.TOO_MANY);
        }
        long inChat = watches.values().stream().filter(w -> w.chatId().equals(chatId)).count();
        return inChat >= perChat ? Optional.of(WatchView.Refusal.TOO_MANY_IN_CHAT) : Optional.empty();
    }

    @Override
    public List<Watch> takeDue(Instant now, int max) {
        return watches.values().stream()
                .filter(w -> !w.nextCheckAt().isAfter(now))
                .sorted(Comparator.comparing(Watch::nextCheckAt))
                .limit(max)
                .toList();
    }

    @Override
    public void save(Watch watch) {
        watches.computeIfPresent(watch.cardMessageId(), (id, old) -> watch);
    }

    @Override
    public Optional<Watch> remove(String cardMessageId) {
        return Optional.ofNullable(watches.remove(cardMessageId));
    }

    @Override
    public Optional<Watch> find(String cardMessageId) {
        return Optional.ofNullable(watches.get(cardMessageId));
    }

    @Override
    public int count() {
        return watches.size();
    }
}
