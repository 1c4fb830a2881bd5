package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The reply uuid is "ps-" plus the message id while that fits Feishu's 50 characters and is
 * printable ASCII without spaces; otherwise "ps-" plus the first 47 hex digits of the id's SHA-256.
 */
class ReplyUuidLimitsTest {

    private static String hashed(String messageId) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
        return "ps-" + HexFormat.of().formatHex(digest).substring(0, 47);
    }

    @Test
    void anIdOf47CharactersFitsAsItIs() {
        String id = "om_" + "x".repeat(44);

        assertThat(ReplyUuid.forMessage(id)).isEqualTo("ps-" + id).hasSize(50);
    }

    @Test
    void anIdOf48CharactersIsHashed() throws Exception {
        String id = "om_" + "x".repeat(45);

        assertThat(ReplyUuid.forMessage(id)).isEqualTo(hashed(id)).hasSize(50);
    }

    @Test
    void theFirstAndLastPrintableCharactersAreKept() {
        assertThat(ReplyUuid.forMessage("om_!1")).isEqualTo("ps-om_!1");
        assertThat(ReplyUuid.forMessage("om_~1")).isEqualTo("ps-om_~1");
    }

    @Test
    void aSpaceDeleteOrNonAsciiCharacterIsHashed() throws Exception {
        for (String id : new String[] {"om_ 1", "om_\u007F1", "om_\u00A01", "om_é"}) {
            assertThat(ReplyUuid.forMessage(id)).as(id).isEqualTo(hashed(id));
        }
    }
}
