package dev.pushstatus.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /push-watch}: keeps status cards current while a push goes out.
 *
 * <p>{@link #tick()} runs every second or so: it takes the watches that are due, looks each
 * notification up once however many watches it has (through {@link NotificationCache#refresh},
 * charged to the watches' own share of the helpdesk budget, so people typing commands always have
 * the rest), and updates a card only when what it shows changed. While the counts stand still the
 * checks back off, up to {@link WatchSettings#MAX_BACKOFF} intervals apart; a scheduled send time
 * brings the next check forward to just after it. A watch ends when its time is up, when someone
 * presses Stop, when the push reached everyone and the read count stood still for an hour, when the
 * notification is gone, or when Feishu no longer lets the card be updated.
 */
public final class Watches {

    /** A check this long after the scheduled send time finds the push under way. */
    static final Duration AFTER_SEND_TIME = Duration.ofSeconds(15);
    /** A card whose numbers stand still is updated this often anyway, so its "last checked" stays true. */
    static final Duration SHOW_ALIVE_EVERY = Duration.ofMinutes(10);
    /** A failed update is tried again after this, doubling, up to the interval. */
    static final Duration RETRY_UPDATE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Watches.class);

    private final WatchStore store;
    private final NotificationCache cache;
    private final CardUpdater updater;
    private final CallBudget share;
    private final WatchSettings settings;
    private final Duration lookupTimeout;
    private final Clock clock;
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();
    private final Map<WatchView.Ending, AtomicLong> endings = new EnumMap<>(WatchView.Ending.class);

    /**
     * @param share the watches' share of the helpdesk budget (half of it), spent on top of the
     *              budget every lookup spends
     */
    public Watches(WatchStore store, NotificationCache cache, CardUpdater updater, CallBudget share,
                   WatchSettings settings, Duration lookupTimeout, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.updater = updater;
        this.share = share;
        this.settings = settings;
        this.lookupTimeout = lookupTimeout;
        this.clock = clock;
        for (WatchView.Ending ending : WatchView.Ending.values()) {
            endings.put(ending, new AtomicLong());
        }
    }

    /** What the card of a new watch says: live until then, or why no watch starts. */
    public WatchView plan(String chatId, LookupResult.Found found, Duration duration) {
        Optional<WatchView.Refusal> refused = store.admits(chatId, settings.limit(), settings.perChat());
        if (refused.isPresent()) {
            return refusal(refused.get());
        }
        return new WatchView.Live(clock.instant().plus(duration), found.fetchedAt(), settings.interval());
    }

    /**
     * Registers the watch of a card just sent with {@code view}'s end; empty when it runs, else why
     * not (another start took the last place meanwhile: the card then says live for nothing, which
     * its first check would have corrected; the log says so).
     */
    public Optional<WatchView.Refusal> started(String cardMessageId, String chatId, String startedBy,
                                               LookupResult.Found found, WatchView.Live view) {
        Instant now = clock.instant();
        Notification n = found.notification();
        Watch watch = new Watch(cardMessageId, n.id(), chatId, startedBy, view.until(),
                nextCheck(now, settings.interval(), n, view.until()), settings.interval(), Watch.fingerprint(n), now,
                n.readCount(), now, 0);
        Optional<WatchView.Refusal> refused = store.add(watch, settings.limit(), settings.perChat());
        if (refused.isPresent()) {
            log.warn("watch card={} notification_id={} refused after its card was sent: {}", cardMessageId, n.id(),
                    refused.get());
        } else {
            log.info("watch card={} notification_id={} started until={}", cardMessageId, n.id(), view.until());
        }
        return refused;
    }

    /** Ends the watch of this card at someone's request; the watch as it was, if one ran. */
    public Optional<Watch> stop(String cardMessageId, String by) {
        Optional<Watch> stopped = store.remove(cardMessageId);
        stopped.ifPresent(w -> ended(w, WatchView.Ending.STOPPED, by));
        return stopped;
    }

    /** The live view of the watch of this card, if one runs (a Refresh of a live card keeps it live). */
    public Optional<WatchView.Live> live(String cardMessageId, Instant checkedAt) {
        return store.find(cardMessageId).map(w -> new WatchView.Live(w.until(), checkedAt, settings.interval()));
    }

    /** One round: every due watch checked, one lookup per notification. Never throws. */
    public void tick() {
        Instant now = clock.instant();
        List<Watch> due;
        try {
            due = store.takeDue(now, settings.limit());
        } catch (RuntimeException e) {
            log.error("watches: could not read the due watches", e);
            return;
        }
        Map<String, List<Watch>> byNotification = new LinkedHashMap<>();
        for (Watch w : due) {
            byNotification.computeIfAbsent(w.notificationId(), id -> new java.util.ArrayList<>()).add(w);
        }
        byNotification.forEach((id, watches) -> {
            LookupResult result;
            try {
                lookups.incrementAndGet();
                result = cache.refresh(id, lookupTimeout, share::tryAcquire);
            } catch (RuntimeException e) {
                result = new LookupResult.Unavailable(ErrorIds.next(), "internal error");
                log.error("watches: lookup of notification_id={} failed", id, e);
            }
            for (Watch w : watches) {
                try {
                    check(w, result, now);
                } catch (RuntimeException e) {
                    log.error("watch card={} check failed; tried again next interval", w.cardMessageId(), e);
                    store.save(w.next(now.plus(settings.interval()), w.pause()));
                }
            }
        });
    }

    private void check(Watch w, LookupResult result, Instant now) {
        if (!now.isBefore(w.until())) {
            // A final card needs numbers: when this lookup failed, the last good copy (marked stale) will do.
            end(w, WatchView.Ending.EXPIRED, result.either(f -> f,
                    failure -> cache.lookup(w.notificationId(), lookupTimeout).either(f -> f, none -> null)), now);
            return;
        }
        result.accept(new LookupResult.Cases<Void>() {
            @Override
            public Void found(LookupResult.Found found) {
                if (found.stale()) {
                    store.save(w.next(nextCheck(now, w.pause(), found.notification(), w.until()), w.pause()));
                } else {
                    checkFound(w, found, now);
                }
                return null;
            }

            @Override
            public Void notFound(LookupResult.NotFound notFound) {
                end(w, WatchView.Ending.GONE, null, now);
                return null;
            }

            @Override
            public Void forbidden(LookupResult.Forbidden forbidden) {
                return later();
            }

            @Override
            public Void rateLimited(LookupResult.RateLimited rateLimited) {
                return later();
            }

            @Override
            public Void unavailable(LookupResult.Unavailable unavailable) {
                return later();
            }

            private Void later() {
                store.save(w.next(earliest(now.plus(w.pause()), w.until()), w.pause()));
                return null;
            }
        });
    }

    private void checkFound(Watch w, LookupResult.Found found, Instant now) {
        Notification n = found.notification();
        Instant readSince = Objects.equals(n.readCount(), w.readCount()) ? w.readSince() : now;
        if (settled(n, readSince, now)) {
            end(w, WatchView.Ending.SETTLED, found, now);
            return;
        }
        String shown = Watch.fingerprint(n);
        boolean changed = !shown.equals(w.shown());
        // Unchanged numbers still refresh the card's "last checked" now and then: a card that says it was
        // checked an hour ago looks dead, while one update in 10 min costs next to nothing.
        if (!changed && Duration.between(w.shownAt(), now).compareTo(SHOW_ALIVE_EVERY) < 0) {
            Duration pause = min(w.pause().multipliedBy(2), settings.interval().multipliedBy(WatchSettings.MAX_BACKOFF));
            store.save(w.quiet(nextCheck(now, pause, n, w.until()), pause, n.readCount(), readSince));
            return;
        }
        Reply card = new Reply.Watched(w.notificationId(), found,
                new WatchView.Live(w.until(), found.fetchedAt(), settings.interval()));
        updater.update(w.cardMessageId(), card).accept(new CardUpdater.Result.Cases<Void>() {
            @Override
            public Void updated(CardUpdater.Result.Updated updated) {
                updates.incrementAndGet();
                log.info("watch card={} notification_id={} updated{}: sent={} read={} target={}", w.cardMessageId(),
                        w.notificationId(), changed ? "" : " (no change, last checked time)", n.sentCount(),
                        n.readCount(), n.targetCount());
                Duration pause = changed ? settings.interval() : w.pause();
                store.save(w.updated(nextCheck(now, pause, n, w.until()), pause, shown, now, n.readCount(), readSince));
                return null;
            }

            @Override
            public Void cardGone(CardUpdater.Result.CardGone gone) {
                store.remove(w.cardMessageId());
                ended(w, WatchView.Ending.CARD_GONE, "the card can no longer be updated: " + gone.why());
                return null;
            }

            @Override
            public Void failed(CardUpdater.Result.Failed failed) {
                int times = w.failedUpdates() + 1;
                Duration retry = min(RETRY_UPDATE.multipliedBy(1L << Math.min(times - 1, 10)), settings.interval());
                log.warn("watch card={} update failed ({} in a row): error_id={} {}; trying again in {} s",
                        w.cardMessageId(), times, failed.errorId(), failed.why(), retry.toSeconds());
                store.save(w.failedUpdate(earliest(now.plus(retry), w.until())));
                return null;
            }
        });
    }

    private void end(Watch w, WatchView.Ending ending, LookupResult.@Nullable Found found, Instant now) {
        if (store.remove(w.cardMessageId()).isEmpty()) {
            return; // stopped meanwhile: the Stop click's answer was the final card
        }
        if (found == null && ending != WatchView.Ending.GONE) {
            // No numbers to show at all: the card keeps its last ones, and its "until" has passed.
            ended(w, ending, "final card not shown: no numbers to show");
            return;
        }
        CardUpdater.Result result = updater.update(w.cardMessageId(),
                new Reply.Watched(w.notificationId(), found, new WatchView.Ended(ending, now, null)));
        ended(w, ending, result.accept(new CardUpdater.Result.Cases<>() {
            @Override
            public String updated(CardUpdater.Result.Updated updated) {
                return "final card shown";
            }

            @Override
            public String cardGone(CardUpdater.Result.CardGone gone) {
                return "final card not shown, the card can no longer be updated: " + gone.why();
            }

            @Override
            public String failed(CardUpdater.Result.Failed failed) {
                return "final card not shown: error_id=" + failed.errorId() + " " + failed.why();
            }
        }));
    }

    private void ended(Watch w, WatchView.Ending ending, String detail) {
        endings.get(ending).incrementAndGet();
        log.info("watch card={} notification_id={} ended: {} ({})", w.cardMessageId(), w.notificationId(),
                ending.name().toLowerCase(java.util.Locale.ROOT), detail);
    }

    /** When to check next: after the pause, sooner just after a scheduled send time, never past the end. */
    private static Instant nextCheck(Instant now, Duration pause, Notification n, Instant until) {
        Instant next = now.plus(pause);
        Instant sendAt = n.sendAt();
        if (sendAt != null && sendAt.isAfter(now) && sendAt.plus(AFTER_SEND_TIME).isBefore(next)) {
            next = sendAt.plus(AFTER_SEND_TIME);
        }
        return earliest(next, until);
    }

    /** Sent to everyone, and nobody new has read it for an hour. */
    private static boolean settled(Notification n, Instant readSince, Instant now) {
        Integer target = n.targetCount();
        Integer sent = n.sentCount();
        return target != null && target > 0 && sent != null && sent >= target
                && Duration.between(readSince, now).compareTo(WatchSettings.SETTLED_AFTER) >= 0;
    }

    private WatchView.Refused refusal(WatchView.Refusal why) {
        return new WatchView.Refused(why, why == WatchView.Refusal.TOO_MANY ? settings.limit() : settings.perChat());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Watches running now. */
    public int active() {
        return store.count();
    }

    /** Card updates sent. */
    public long updates() {
        return updates.get();
    }

    /** Lookups made for watches (one per notification per round; the cache may answer some). */
    public long lookups() {
        return lookups.get();
    }

    /** Watches ended for this reason. */
    public long endings(WatchView.Ending ending) {
        return endings.get(ending).get();
    }

    /** The settings in force. */
    public WatchSettings settings() {
        return settings;
    }
}
