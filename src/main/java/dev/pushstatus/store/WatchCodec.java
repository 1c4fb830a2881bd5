package dev.pushstatus.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pushstatus.bot.Watch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A watch as the JSON kept in Redis, and back; times in epoch milliseconds. Anything unreadable reads as no watch. */
final class WatchCodec {

    static final int VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The stored form. */
    record Stored(int v, String card, String notification, String chat, String by, long until, long next,
                  long pauseMs, String shown, long shownAt, @Nullable Integer read, long readSince, int failed) {}

    String encode(Watch w) {
        try {
            return mapper.writeValueAsString(new Stored(VERSION, w.cardMessageId(), w.notificationId(), w.chatId(),
                    w.startedBy(), w.until().toEpochMilli(), w.nextCheckAt().toEpochMilli(), w.pause().toMillis(),
                    w.shown(), w.shownAt().toEpochMilli(), w.readCount(), w.readSince().toEpochMilli(),
                    w.failedUpdates()));
        } catch (IOException e) {
            throw new IllegalStateException("a watch always serializes", e);
        }
    }

    Optional<Watch> decode(@Nullable String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            Stored s = mapper.readValue(json, Stored.class);
            if (s.v() != VERSION || s.card() == null || s.notification() == null || s.chat() == null || s.by() == null
                    || s.shown() == null) {
                return Optional.empty();
            }
            return Optional.of(new Watch(s.card(), s.notification(), s.chat(), s.by(), Instant.ofEpochMilli(s.until()),
                    Instant.ofEpochMilli(s.next()), Duration.ofMillis(s.pauseMs()), s.shown(),
                    Instant.ofEpochMilli(s.shownAt()), s.read(),
                    Instant.ofEpochMilli(s.readSince()), s.failed()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
