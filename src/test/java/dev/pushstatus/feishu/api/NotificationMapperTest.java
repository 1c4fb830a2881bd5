package dev.pushstatus.feishu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Feishu's millisecond-epoch time strings. */
class NotificationMapperTest {

    @Test
    void millisecondEpochStringsAreInstants() {
        assertThat(NotificationMapper.epochMillis("1626332244719")).isEqualTo(Instant.parse("2021-07-15T06:57:24.719Z"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "0", "-1", "soon", "1.5e12", "99999999999999999999"})
    void anythingElseIsUnset(String value) {
        assertThat(NotificationMapper.epochMillis(value)).isNull();
    }
}
