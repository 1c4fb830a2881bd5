package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyUuidTest {

    @Test
    void aTypicalMessageIdStaysReadable() {
        String id = "om_" + "a".repeat(32);
        assertThat(ReplyUuid.forMessage(id)).isEqualTo("ps-" + id).isEqualTo(ReplyUuid.forMessage(id));
    }

    @Test
    void longOrOddIdsAreHashedToAtMost50Characters() {
        String longId = "om_" + "b".repeat(100);
        assertThat(ReplyUuid.forMessage(longId)).hasSize(50).isEqualTo(ReplyUuid.forMessage(longId))
                .isNotEqualTo(ReplyUuid.forMessage(longId + "c"));
        assertThat(ReplyUuid.forMessage("消息 1")).hasSizeLessThanOrEqualTo(50).matches("ps-[0-9a-f]+");
    }
}
