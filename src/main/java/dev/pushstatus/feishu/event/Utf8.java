package dev.pushstatus.feishu.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding: a body that is not valid UTF-8 is refused, not silently repaired. */
final class Utf8 {

    private Utf8() {
    }

    static Optional<String> decodeStrict(byte[] bytes) {
        if (ascii(bytes)) {
            // Every ASCII byte is valid UTF-8 and decodes to itself: the common case (an encrypted
            // body is Base64 in JSON) skips the decoder's buffers and the copy to a compact string.
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Whether the bytes are valid UTF-8 (without building the string when they are ASCII). */
    static boolean valid(byte[] bytes) {
        return ascii(bytes) || decodeStrict(bytes).isPresent();
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
