package dev.pushstatus.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lookup's answer as the JSON a replica leaves in Redis for the others, and back.
 *
 * <p>Versioned: a copy this version cannot read (another version of the bot wrote it during a
 * rolling update, or it is damaged) reads as no copy, and the reader asks Feishu itself.
 */
final class SharedCopyCodec {

    static final int VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .build();

    /** What is stored: one of the kinds, with the fields that kind has. */
    record Stored(int v, String kind, @Nullable Notification notification, @Nullable Instant fetchedAt,
                  @Nullable String id, @Nullable Integer code, @Nullable String message,
                  @Nullable Long retryAfterMillis, @Nullable String errorId, @Nullable Boolean malformed) {}

    String encode(LookupResult result) {
        Stored stored = result.accept(new LookupResult.Cases<Stored>() {
            @Override
            public Stored found(LookupResult.Found found) {
                return new Stored(VERSION, "found", found.notification(), found.fetchedAt(), null, null, null, null,
                        null, null);
            }

            @Override
            public Stored notFound(LookupResult.NotFound notFound) {
                return new Stored(VERSION, "not_found", null, null, notFound.id(), null, null, null, null, null);
            }

            @Override
            public Stored forbidden(LookupResult.Forbidden forbidden) {
                return new Stored(VERSION, "forbidden", null, null, null, forbidden.code(), forbidden.upstreamMessage(),
                        null, null, null);
            }

            @Override
            public Stored rateLimited(LookupResult.RateLimited rateLimited) {
                return new Stored(VERSION, "rate_limited", null, null, null, null, null,
                        rateLimited.retryAfter().toMillis(), null, null);
            }

            @Override
            public Stored unavailable(LookupResult.Unavailable unavailable) {
                return new Stored(VERSION, "unavailable", null, null, null, null, unavailable.reason(), null,
                        unavailable.errorId(), unavailable.malformed());
            }
        });
        try {
            return mapper.writeValueAsString(stored);
        } catch (IOException e) {
            throw new IllegalStateException("a lookup result always serializes", e);
        }
    }

    /** The answer in {@code json}, or empty when it is not one this version wrote. */
    Optional<LookupResult> decode(String json) {
        Stored s;
        try {
            s = mapper.readValue(json, Stored.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (s.v() != VERSION) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(switch (s.kind()) {
                case "found" -> s.notification() == null || s.fetchedAt() == null ? null
                        : new LookupResult.Found(s.notification(), s.fetchedAt());
                case "not_found" -> s.id() == null ? null : new LookupResult.NotFound(s.id());
                case "forbidden" -> s.code() == null ? null
                        : new LookupResult.Forbidden(s.code(), s.message() == null ? "" : s.message());
                case "rate_limited" -> s.retryAfterMillis() == null ? null
                        : new LookupResult.RateLimited(Duration.ofMillis(s.retryAfterMillis()));
                case "unavailable" -> s.errorId() == null ? null : new LookupResult.Unavailable(s.errorId(),
                        s.message() == null ? "" : s.message(), Boolean.TRUE.equals(s.malformed()));
                default -> null;
            });
        } catch (RuntimeException invalid) {
            return Optional.empty(); // a record's own checks refused the values
        }
    }

    /** Reads what {@link ToStringSerializer} wrote for an {@link Instant}. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (RuntimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getValueAsString(), "not an instant");
            }
        }
    }
}
