package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    /** Encoded by protobuf-java from pbbp2.proto: ping, service 33554678, one header type=ping. */
    static final String PING_HEX = "08001000" + "18f6818010" + "2000" + "2a0c0a0474797065120470696e67";
    /** Encoded by protobuf-java from pbbp2.proto: a data frame with six headers and payload {"code":200}. */
    static final String DATA_HEX = "08001000180120012a0d0a047479706512056576656e742a100a0a6d6573736167655f696412026d312a080a0373756d"
            + "1201312a080a037365711201302a0e0a0874726163655f6964120274312a0c0a0662697a5f727412023132420c7b22636f"
            + "6465223a3230307d";

    private final FrameCodec codec = FrameCodec.standard();

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static Frame dataFrame() {
        return new Frame(0, 0, 1, 1, List.of(
                new Frame.Header("type", "event"),
                new Frame.Header("message_id", "m1"),
                new Frame.Header("sum", "1"),
                new Frame.Header("seq", "0"),
                new Frame.Header("trace_id", "t1"),
                new Frame.Header("biz_rt", "12")),
                null, null, "{\"code\":200}".getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void encodesThePingVector() {
        assertThat(HexFormat.of().formatHex(codec.encode(Frame.ping(33554678)))).isEqualTo(PING_HEX);
    }

    @Test
    void decodesThePingVector() throws Exception {
        Frame ping = codec.decode(hex(PING_HEX));

        assertThat(ping.seqId()).isZero();
        assertThat(ping.logId()).isZero();
        assertThat(ping.service()).isEqualTo(33554678);
        assertThat(ping.method()).isEqualTo(Frame.METHOD_CONTROL);
        assertThat(ping.headers()).containsExactly(new Frame.Header("type", "ping"));
        assertThat(ping.payloadLength()).isZero();
        assertThat(ping.payloadEncoding()).isNull();
        assertThat(ping.payloadType()).isNull();
        assertThat(ping.logIdNew()).isNull();
    }

    @Test
    void encodesTheDataVector() {
        assertThat(HexFormat.of().formatHex(codec.encode(dataFrame()))).isEqualTo(DATA_HEX);
    }

    @Test
    void decodesTheDataVector() throws Exception {
        Frame data = codec.decode(hex(DATA_HEX));

        assertThat(data).isEqualTo(dataFrame());
        assertThat(data.type()).isEqualTo("event");
        assertThat(data.header("trace_id")).isEqualTo("t1");
        assertThat(new String(data.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":200}");
    }

    @Test
    void roundTripsEveryFieldIncludingTheOptionalOnesAndExtremeNumbers() throws Exception {
        Frame frame = new Frame(-1L, Long.MIN_VALUE, -7, 1, List.of(
                new Frame.Header("type", "card"), new Frame.Header("", ""), new Frame.Header("k", "值")),
                "", "json", new byte[] {0, 1, (byte) 0xff}, "log-new");

        Frame back = codec.decode(codec.encode(frame));

        assertThat(back).isEqualTo(frame);
        assertThat(back.seqId()).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(back.seqId())).isEqualTo("18446744073709551615");
        assertThat(back.payloadEncoding()).isEmpty();
    }

    @Test
    void skipsUnknownFieldsOfEveryWireTypeInTheFrameAndInAHeader() throws Exception {
        // field 15 varint 150, field 16 fixed64, field 17 length-delimited "xyz", field 18 fixed32,
        // field 19 a group holding field 1 = 5
        String unknown = "7896 01" + "8101 0102030405060708" + "8a01 03 78797a" + "9501 01020304" + "9b01 0805 9c01";
        // a header with an unknown field 3 (varint 1) between key and value
        String header = "2a0e 0a0474797065 1801 120470696e67";
        byte[] bytes = hex((unknown + "08001000" + "18f6818010" + "2000" + header + unknown).replace(" ", ""));

        Frame frame = codec.decode(bytes);

        assertThat(frame).isEqualTo(Frame.ping(33554678));
    }

    @Test
    void theLastValueOfARepeatedScalarFieldWins() throws Exception {
        Frame frame = codec.decode(hex("0801 1000 1803 2000 0802".replace(" ", "")));

        assertThat(frame.seqId()).isEqualTo(2);
        assertThat(frame.service()).isEqualTo(3);
    }

    @Test
    void everyTruncationOfTheDataVectorIsRefusedWithAFormatException() {
        byte[] whole = hex(DATA_HEX);
        List<Integer> accepted = new ArrayList<>();
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            try {
                codec.decode(cut);
                accepted.add(length);
            } catch (FrameFormatException expected) {
                // refused, as it should be unless the cut falls between two whole fields
            }
        }
        // A cut between whole fields leaves a shorter valid frame: after the fourth required field,
        // and after each of the six headers; every other cut is refused.
        assertThat(accepted).containsExactly(8, 23, 41, 51, 61, 77, 91);
    }

    @Test
    void refusesAFrameWithoutARequiredField() {
        // no method (field 4)
        assertThatThrownBy(() -> codec.decode(hex("080010001801")))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("method");
        // empty input: nothing at all
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("SeqID LogID service method");
    }

    @Test
    void refusesAHeaderWithoutItsValue() {
        assertThatThrownBy(() -> codec.decode(hex("08001000180120002a060a0474797065")))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("value");
    }

    @Test
    void refusesAKnownFieldOfTheWrongWireType() {
        // payload (field 8) as a varint
        assertThatThrownBy(() -> codec.decode(hex("08001000180120004001")))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("field 8");
    }

    @Test
    void refusesGarbageAndInvalidUtf8() {
        assertThatThrownBy(() -> codec.decode(hex("ffffffffffffffffffffff")))
                .isInstanceOf(FrameFormatException.class);
        assertThatThrownBy(() -> codec.decode("hello, this is text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FrameFormatException.class);
        assertThatThrownBy(() -> codec.decode(hex("0800100018012000" + "2a08" + "0a02c328" + "12027676")))
                .isInstanceOf(FrameFormatException.class);
        // a header length that runs past the end
        assertThatThrownBy(() -> codec.decode(hex("08001000180120002a7f0a01")))
                .isInstanceOf(FrameFormatException.class);
        // a stray end-group tag
        assertThatThrownBy(() -> codec.decode(hex("080010001801200054")))
                .isInstanceOf(FrameFormatException.class);
    }

    @Test
    void refusesFramesOverTheByteBoundBeforeReadingThem() throws Exception {
        FrameCodec small = new FrameCodec(32, 64);
        byte[] ping = small.encode(Frame.ping(1));
        assertThat(small.decode(ping)).isEqualTo(Frame.ping(1));

        byte[] big = small.encode(dataFrame());
        assertThat(big.length).isGreaterThan(32);
        assertThatThrownBy(() -> small.decode(big))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("over the limit of 32");
        assertThatThrownBy(() -> codec.decode(new byte[FrameCodec.MAX_FRAME_BYTES + 1]))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("over the limit");
    }

    @Test
    void refusesMoreHeadersThanTheBound() throws Exception {
        List<Frame.Header> many = new ArrayList<>();
        for (int i = 0; i < FrameCodec.MAX_HEADERS; i++) {
            many.add(new Frame.Header("h" + i, "v"));
        }
        Frame atBound = new Frame(1, 2, 3, 1, many, null, null, new byte[0], null);
        assertThat(codec.decode(codec.encode(atBound)).headers()).hasSize(FrameCodec.MAX_HEADERS);

        Frame overBound = atBound.withHeader("one-more", "v");
        assertThatThrownBy(() -> codec.decode(codec.encode(overBound)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("more than 64 headers");
    }

    @Test
    void framesAreImmutableAndNeverPrintTheirPayload() {
        byte[] payload = "{\"secret\":1}".getBytes(StandardCharsets.UTF_8);
        Frame frame = new Frame(0, 0, 1, 1, List.of(), null, null, payload, null);
        payload[0] = 'X';
        frame.payload()[1] = 'Y';

        assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"secret\":1}");
        assertThat(frame.toString()).contains("12 bytes").doesNotContain("secret");
    }

    @Test
    void withHeaderReplacesTheFirstInPlaceDropsLaterCopiesOrAppends() {
        Frame frame = new Frame(0, 0, 1, 1, List.of(new Frame.Header("a", "1"), new Frame.Header("biz_rt", "x"),
                new Frame.Header("b", "2"), new Frame.Header("biz_rt", "y")), null, null, new byte[0], null);

        assertThat(frame.withHeader("biz_rt", "5").headers()).containsExactly(new Frame.Header("a", "1"),
                new Frame.Header("biz_rt", "5"), new Frame.Header("b", "2"));
        assertThat(frame.withHeader("c", "3").headers()).endsWith(new Frame.Header("c", "3")).hasSize(5);
    }
}
