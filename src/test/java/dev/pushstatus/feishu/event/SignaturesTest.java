package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Feishu's request signatures and the constant-time comparison. */
class SignaturesTest {

    private static final byte[] BODY = "{\"encrypt\":\"FIAfJPGRmFZWkaxPQ1XrJZVbv2JwdjfLk4jx0k/U1deAqYK3AXOZ5zcHt/cC4ZNTqYwWUW/EoL+b2vMyomG0ysuCIL1Eds8SK91e4m\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void eventSignatureIsLowercaseHexSha256OfTimestampNonceKeyAndBody() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("1677254849".getBytes(StandardCharsets.UTF_8));
        sha256.update("533226633".getBytes(StandardCharsets.UTF_8));
        sha256.update("test key".getBytes(StandardCharsets.UTF_8));
        sha256.update(BODY);
        String expected = HexFormat.of().formatHex(sha256.digest());

        String signature = Signatures.eventSignature("1677254849", "533226633", "test key", BODY);

        assertThat(signature).isEqualTo(expected).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void eventSignatureOfAnEmptyInputIsTheWellKnownSha256OfNothing() {
        assertThat(Signatures.eventSignature("", "", "", new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void eventSignatureChangesWithEveryPart() {
        String base = Signatures.eventSignature("1", "2", "k", BODY);

        assertThat(Signatures.eventSignature("9", "2", "k", BODY)).isNotEqualTo(base);
        assertThat(Signatures.eventSignature("1", "9", "k", BODY)).isNotEqualTo(base);
        assertThat(Signatures.eventSignature("1", "2", "x", BODY)).isNotEqualTo(base);
        assertThat(Signatures.eventSignature("1", "2", "k", "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
    }

    @Test
    void legacyCardSignatureIsLowercaseHexSha1() {
        assertThat(Signatures.legacyCardSignature("", "", "", new byte[0]))
                .isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(Signatures.legacyCardSignature("1677254849", "533226633", "vt", BODY))
                .isEqualTo(TestEvents.legacySignature("1677254849", "533226633", "vt", BODY));
    }

    @Test
    void theBodyIsHashedAsRawBytesNotReencoded() {
        byte[] latin1 = {'{', (byte) 0xE9, '}'};

        assertThat(Signatures.eventSignature("t", "n", "k", latin1))
                .isEqualTo(TestEvents.eventSignature("t", "n", "k", latin1));
    }

    @Test
    void constantTimeEqualsComparesValues() {
        assertThat(Signatures.constantTimeEquals("abc", new String("abc"))).isTrue();
        assertThat(Signatures.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(Signatures.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(Signatures.constantTimeEquals("", "")).isTrue();
    }

    @Test
    void constantTimeEqualsIsFalseWhenEitherSideIsNull() {
        assertThat(Signatures.constantTimeEquals(null, "abc")).isFalse();
        assertThat(Signatures.constantTimeEquals("abc", null)).isFalse();
        assertThat(Signatures.constantTimeEquals(null, null)).isFalse();
    }

    @Test
    void signatureMatchesIgnoresHexCaseAndSurroundingSpaceOnly() {
        String expected = Signatures.eventSignature("t", "n", "k", BODY);

        assertThat(Signatures.signatureMatches(expected, expected.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(Signatures.signatureMatches(expected, " " + expected + " ")).isTrue();
        assertThat(Signatures.signatureMatches(expected, expected.substring(1))).isFalse();
        assertThat(Signatures.signatureMatches(expected, null)).isFalse();
    }
}
