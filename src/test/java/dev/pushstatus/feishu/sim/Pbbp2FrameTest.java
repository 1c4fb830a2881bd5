package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.sim.Pbbp2Frame.Header;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's own pbbp2 codec against the protocol's two published test vectors, and its strictness. */
class Pbbp2FrameTest {

    /** A ping with service 33554678 (SeqID 0, LogID 0, method 0, header type=ping, no payload). */
    static final String PING = "08001000" + "18f6818010" + "2000" + "2a0c0a0474797065120470696e67";

    /** A data frame, service 1, six headers, payload {"code":200}. */
    static final String DATA = "08001000180120012a0d0a047479706512056576656e742a100a0a6d6573736167655f696412026d312a080a0373756d"
            + "1201312a080a037365711201302a0e0a0874726163655f6964120274312a0c0a0662697a5f727412023132420c7b22636f"
            + "6465223a3230307d";

    static final Pbbp2Frame PING_FRAME = Pbbp2Frame.of(0, 0, 33554678, Pbbp2Frame.CONTROL,
            List.of(new Header("type", "ping")), null);
    static final Pbbp2Frame DATA_FRAME = Pbbp2Frame.of(0, 0, 1, Pbbp2Frame.DATA,
            List.of(new Header("type", "event"), new Header("message_id", "m1"), new Header("sum", "1"),
                    new Header("seq", "0"), new Header("trace_id", "t1"), new Header("biz_rt", "12")),
            "{\"code\":200}".getBytes(StandardCharsets.UTF_8));

    @Test
    void encodesThePingVector() {
        assertThat(HexFormat.of().formatHex(PING_FRAME.encode())).isEqualTo(PING);
    }

    @Test
    void encodesTheDataVector() {
        assertThat(HexFormat.of().formatHex(DATA_FRAME.encode())).isEqualTo(DATA);
    }

    @Test
    void decodesBothVectors() {
        Pbbp2Frame ping = Pbbp2Frame.decode(HexFormat.of().parseHex(PING));
        assertThat(ping).isEqualTo(PING_FRAME);
        assertThat(ping.payload()).isNull();
        assertThat(ping.header("type")).isEqualTo("ping");

        Pbbp2Frame data = Pbbp2Frame.decode(HexFormat.of().parseHex(DATA));
        assertThat(data).isEqualTo(DATA_FRAME);
        assertThat(data.payloadText()).isEqualTo("{\"code\":200}");
        assertThat(data.header("message_id")).isEqualTo("m1");
        assertThat(data.header("absent")).isNull();
    }

    @Test
    void roundTripsTheOptionalFieldsLargeNumbersAndANegativeService() {
        Pbbp2Frame frame = new Pbbp2Frame(Long.MAX_VALUE, -1L, -5, Pbbp2Frame.DATA,
                List.of(new Header("键", "值"), new Header("type", "")), "gzip", "json", new byte[0], "log-new");
        byte[] bytes = frame.encode();

        assertThat(Pbbp2Frame.decode(bytes)).isEqualTo(frame);
        // LogID -1 as uint64 and a negative int32 both take ten bytes on the wire.
        assertThat(bytes.length).isGreaterThan(30);
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        String unknown = "5007" // field 10, varint 7
                + "5901020304050607 08".replace(" ", "") // field 11, fixed64
                + "620161" // field 12, length-delimited "a"
                + "6d01020304"; // field 13, fixed32
        assertThat(Pbbp2Frame.decode(HexFormat.of().parseHex(unknown + PING))).isEqualTo(PING_FRAME);
    }

    @Test
    void refusesFramesThatAreNotCompleteProto2Frames() {
        // No method (field 4).
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex("0800100018f6818010")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        // Truncated in the header.
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex(PING.substring(0, PING.length() - 4))))
                .isInstanceOf(IllegalArgumentException.class);
        // A header without its value.
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex("08001000180120002a060a0474797065")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
        // SeqID as a length-delimited field.
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex("0a00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wire type");
        // A group (wire type 3), which proto2 frames never carry.
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex("5b")))
                .isInstanceOf(IllegalArgumentException.class);
        // A varint that never ends.
        assertThatThrownBy(() -> Pbbp2Frame.decode(HexFormat.of().parseHex("08ffffffffffffffffffff01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
