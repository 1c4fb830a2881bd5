package dev.pushstatus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.LookupResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer a replica shares reads back the same; anything else reads as no copy. */
class SharedCopyCodecTest {

    final SharedCopyCodec codec = new SharedCopyCodec();

    @Test
    void everyKindOfAnswerRoundTrips() {
        List<LookupResult> answers = List.of(
                new LookupResult.Found(RedisStoreIT.notification("42"), Instant.parse("2024-05-01T08:00:00.123Z")),
                new LookupResult.NotFound("42"),
                new LookupResult.Forbidden(154001, "no permission"),
                new LookupResult.RateLimited(Duration.ofMillis(1_500)),
                new LookupResult.Unavailable("err-9", "timeout"),
                new LookupResult.Unavailable("err-8", "bad shape", true));

        for (LookupResult answer : answers) {
            assertThat(codec.decode(codec.encode(answer))).as("%s", answer).hasValue(answer);
        }
    }

    @Test
    void aNotificationWithEveryFieldAbsentRoundTrips() {
        LookupResult bare = new LookupResult.Found(new dev.pushstatus.bot.Notification("1", null, null, null, null,
                null, null, null, null, null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), null),
                Instant.EPOCH);

        assertThat(codec.decode(codec.encode(bare))).hasValue(bare);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"v\":2,\"kind\":\"not_found\",\"id\":\"1\"}",
        "{\"v\":1,\"kind\":\"teleported\"}", "{\"v\":1,\"kind\":\"found\"}", "{\"v\":1,\"kind\":\"not_found\"}",
        "{\"v\":1,\"kind\":\"found\",\"fetchedAt\":\"yesterday\",\"notification\":{\"id\":\"1\"}}",
        "{\"v\":1,\"kind\":\"found\",\"fetchedAt\":\"2024-05-01T08:00:00Z\",\"notification\":{\"id\":\"1\","
            + "\"users\":{\"first\":[{},{},{},{},{},{}],\"total\":6}}}"})
    void whatThisVersionDidNotWriteReadsAsNoCopy(String stored) {
        assertThat(codec.decode(stored)).isEmpty();
    }
}
