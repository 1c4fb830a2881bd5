package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target for the long connection's frame codec (Jazzer; docs/fuzzing.md).
 *
 * <p>Invariants, for any bytes off the socket: decoding either gives a frame or throws
 * {@link FrameFormatException}, never anything else (no unchecked exception, no
 * OutOfMemoryError from a crafted length); a decoded frame stays within the codec's bounds, and
 * encoding it and decoding that again gives the same frame.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameCodecFuzzTest {

    private static final FrameCodec CODEC = FrameCodec.standard();

    @FuzzTest
    void decode(byte[] data) {
        Frame frame;
        try {
            frame = CODEC.decode(data);
        } catch (FrameFormatException refused) {
            return;
        }
        assertThat(frame.headers()).hasSizeLessThanOrEqualTo(FrameCodec.MAX_HEADERS);
        assertThat(frame.payloadLength()).isLessThanOrEqualTo(FrameCodec.MAX_FRAME_BYTES);
        Frame again;
        try {
            again = CODEC.decode(CODEC.encode(frame));
        } catch (FrameFormatException e) {
            throw new AssertionError("a frame the codec read cannot be read back after writing it", e);
        }
        assertThat(again.seqId()).isEqualTo(frame.seqId());
        assertThat(again.logId()).isEqualTo(frame.logId());
        assertThat(again.service()).isEqualTo(frame.service());
        assertThat(again.method()).isEqualTo(frame.method());
        assertThat(again.headers()).isEqualTo(frame.headers());
        assertThat(again.payloadEncoding()).isEqualTo(frame.payloadEncoding());
        assertThat(again.payloadType()).isEqualTo(frame.payloadType());
        assertThat(again.payload()).isEqualTo(frame.payload());
        assertThat(again.logIdNew()).isEqualTo(frame.logIdNew());
    }
}
