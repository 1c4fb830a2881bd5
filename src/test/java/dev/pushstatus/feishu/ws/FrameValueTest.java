package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame as a value: absent headers, a header added to none, equality field by field, UTF-8 text. */
class FrameValueTest {

    private static Frame frame(long seqId, long logId, int service, int method, List<Frame.Header> headers,
                               String encoding, String type, String payload, String logIdNew) {
        return new Frame(seqId, logId, service, method, headers, encoding, type,
                payload.getBytes(StandardCharsets.UTF_8), logIdNew);
    }

    private static Frame base() {
        return frame(1, 2, 3, 1, List.of(new Frame.Header("type", "event")), "e", "t", "{}", "n");
    }

    @Test
    void anAbsentHeaderIsNull() {
        Frame bare = new Frame(0, 0, 1, 1, List.of(), null, null, new byte[0], null);

        assertThat(bare.header("type")).isNull();
        assertThat(bare.type()).isNull();
        assertThat(base().header("sum")).isNull();
        assertThat(base().header("type")).isEqualTo("event");
    }

    @Test
    void aHeaderAddedToAFrameWithoutHeadersIsItsOnlyOne() {
        Frame bare = new Frame(0, 0, 1, 1, List.of(), null, null, new byte[0], null);

        assertThat(bare.withHeader("biz_rt", "3").headers()).containsExactly(new Frame.Header("biz_rt", "3"));
    }

    @Test
    void framesAreEqualByContentAndDifferInEachField() {
        Frame base = base();
        List.of(
                frame(9, 2, 3, 1, base.headers(), "e", "t", "{}", "n"),
                frame(1, 9, 3, 1, base.headers(), "e", "t", "{}", "n"),
                frame(1, 2, 9, 1, base.headers(), "e", "t", "{}", "n"),
                frame(1, 2, 3, 0, base.headers(), "e", "t", "{}", "n"),
                frame(1, 2, 3, 1, List.of(), "e", "t", "{}", "n"),
                frame(1, 2, 3, 1, base.headers(), null, "t", "{}", "n"),
                frame(1, 2, 3, 1, base.headers(), "e", null, "{}", "n"),
                frame(1, 2, 3, 1, base.headers(), "e", "t", "{ }", "n"),
                frame(1, 2, 3, 1, base.headers(), "e", "t", "{}", null))
                .forEach(other -> assertThat(other).isNotEqualTo(base));

        Frame same = base();
        assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(base).isNotEqualTo(null).isNotEqualTo("a frame");
    }

    @Test
    void theHashFollowsThePayloadsContent() {
        Frame a = frame(1, 2, 3, 1, List.of(), null, null, "a", null);

        assertThat(a.hashCode()).isEqualTo(frame(1, 2, 3, 1, List.of(), null, null, "a", null).hashCode())
                .isNotEqualTo(frame(1, 2, 3, 1, List.of(), null, null, "b", null).hashCode());
    }

    @Test
    void thePayloadReadsAsUtf8() {
        assertThat(frame(0, 0, 1, 0, List.of(), null, null, "{\"名\":1}", null).payloadUtf8()).isEqualTo("{\"名\":1}");
    }
}
