package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.FakeTransport.FakeSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the connection reads a data frame's {@code sum}, {@code seq} and {@code message_id}: a
 * whole payload skips reassembly, absent numbers mean a whole payload, unreadable ones and chunks
 * without an id are ignored, and chunks left incomplete are dropped at the next ping.
 */
class ChunkHeadersTest {

    private final ConnectionHarness h = new ConnectionHarness();

    @AfterEach
    void closes() {
        h.close();
    }

    /** An event frame with the given headers besides type=event and trace_id (a null value leaves one out). */
    private byte[] event(String messageId, String sum, String seq, String payload) {
        List<Frame.Header> headers = new ArrayList<>();
        headers.add(new Frame.Header("type", "event"));
        if (messageId != null) {
            headers.add(new Frame.Header("message_id", messageId));
        }
        if (sum != null) {
            headers.add(new Frame.Header("sum", sum));
        }
        if (seq != null) {
            headers.add(new Frame.Header("seq", seq));
        }
        headers.add(new Frame.Header("trace_id", "t"));
        return h.codec.encode(new Frame(1, 2, 1, Frame.METHOD_DATA, headers, null, null,
                payload.getBytes(StandardCharsets.UTF_8), null));
    }

    private double chunked(String outcome) {
        return h.count("pushbot_ws_chunked_messages", "outcome", outcome);
    }

    @Test
    void aWholePayloadSkipsReassemblyAndIsNotCountedAsChunked() {
        FakeSession session = h.connect();

        session.listener.binary(event("m1", "1", "0", "{\"a\":1}"));
        session.listener.binary(event("m1", "1", "0", "{\"a\":1}"));

        assertThat(h.payloads).containsExactly("{\"a\":1}", "{\"a\":1}");
        assertThat(h.metrics.find("pushbot_ws_chunked_messages").counters()).isEmpty();
    }

    @Test
    void withoutSumAndSeqTheFrameIsOneWholePayload() {
        FakeSession session = h.connect();

        session.listener.binary(event("m1", null, null, "{\"whole\":true}"));
        session.listener.binary(event(null, null, null, "{\"no id\":true}"));
        session.listener.binary(event("m3", " 1 ", " 0 ", "{\"spaced\":true}"));

        assertThat(h.payloads).containsExactly("{\"whole\":true}", "{\"no id\":true}", "{\"spaced\":true}");
        assertThat(h.metrics.find("pushbot_ws_chunked_messages").counters()).isEmpty();
    }

    @Test
    void anUnreadableSumOrSeqIsAnInvalidChunkNeverHandedOn() {
        FakeSession session = h.connect();

        session.listener.binary(event("m1", "1", "first", "{}"));
        session.listener.binary(event("m2", "one", "0", "{}"));
        session.listener.binary(event("m3", "", "0", "{}"));

        assertThat(h.payloads).isEmpty();
        assertThat(chunked("invalid")).isEqualTo(3);
        assertThat(session.frames()).hasSize(1); // the opening ping: no ack for what was not taken
    }

    @Test
    void chunksWithoutAMessageIdAreInvalidAndNeverJoined() {
        FakeSession session = h.connect();

        session.listener.binary(event(null, "2", "0", "{\"a\":"));
        session.listener.binary(event(null, "2", "1", "1}"));

        assertThat(h.payloads).isEmpty();
        assertThat(chunked("invalid")).isEqualTo(2);
        assertThat(chunked("pending")).isZero();
        assertThat(h.gauge("pushbot_ws_chunk_bytes")).isZero();
    }

    @Test
    void anIncompleteSetIsDroppedAtThePingAfterItExpiredWithoutWaitingForAnotherChunk() {
        FakeSession session = h.connect();
        session.listener.binary(event("big", "2", "0", "{\"a\":"));
        assertThat(h.gauge("pushbot_ws_chunk_bytes")).isEqualTo(5 + Reassembly.CHUNK_OVERHEAD);

        h.scheduler.advance(Duration.ofSeconds(119));
        assertThat(h.gauge("pushbot_ws_chunk_bytes")).isEqualTo(5 + Reassembly.CHUNK_OVERHEAD);
        h.scheduler.advance(Duration.ofSeconds(1)); // the ping

        assertThat(h.gauge("pushbot_ws_chunk_bytes")).isZero();
        assertThat(h.metrics.find("pushbot_ws_chunk_sets_dropped").tag("reason", "expired").functionCounter().count())
                .isEqualTo(1);
    }
}
