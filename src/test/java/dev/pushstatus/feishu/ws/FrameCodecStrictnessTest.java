package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the codec refuses, word for word: every known field of the wrong wire type (each input
 * here would read as a valid frame if the wire type were not checked), which required fields are
 * missing, a header without its key or value, and the exact edges of its bounds.
 */
class FrameCodecStrictnessTest {

    private final FrameCodec codec = FrameCodec.standard();

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // SeqID, LogID, service, method as length-delimited (length 0) instead of varints
            "SeqID         | 0a00 1000 1801 2000                         | field 1 has wire type 2, expected 0",
            "LogID         | 0800 1200 1801 2000                         | field 2 has wire type 2, expected 0",
            "service       | 0800 1000 1a00 2000                         | field 3 has wire type 2, expected 0",
            "method        | 0800 1000 1801 2200                         | field 4 has wire type 2, expected 0",
            // a well-formed header type=ping, but tagged as a varint
            "headers       | 0800 1000 1801 2000 280c 0a0474797065 120470696e67 | field 5 has wire type 0, expected 2",
            // the optional strings as varints whose value 0 would read as an empty string's length
            "PayloadEncoding | 0800 1000 1801 2000 3000                   | field 6 has wire type 0, expected 2",
            "PayloadType   | 0800 1000 1801 2000 3800                     | field 7 has wire type 0, expected 2",
            "LogIDNew      | 0800 1000 1801 2000 4800                     | field 9 has wire type 0, expected 2",
            // inside a header: the key, then the value, as varints
            "header key    | 0800 1000 1801 2000 2a04 0800 1200           | field 1 has wire type 0, expected 2",
            "header value  | 0800 1000 1801 2000 2a04 0a00 1000           | field 2 has wire type 0, expected 2",
    })
    void aKnownFieldOfTheWrongWireTypeIsRefusedByName(String field, String bytes, String message) {
        assertThatThrownBy(() -> codec.decode(hex(bytes)))
                .isInstanceOf(FrameFormatException.class).hasMessage(message);
    }

    @Test
    void theSameFramesWithTheRightWireTypesAreRead() throws Exception {
        assertThat(codec.decode(hex("0800 1000 1801 2000 2a0c 0a0474797065 120470696e67")))
                .isEqualTo(Frame.ping(1));
        assertThat(codec.decode(hex("0800 1000 1801 2000 3200 3a00 4a00")))
                .isEqualTo(new Frame(0, 0, 1, 0, List.of(), "", "", new byte[0], ""));
        assertThat(codec.decode(hex("0800 1000 1801 2000 2a04 0a00 1200")).headers())
                .containsExactly(new Frame.Header("", ""));
    }

    @ParameterizedTest(name = "without {1}")
    @CsvSource(delimiter = '|', value = {
            "1000 1801 2000 | ' SeqID'",
            "0800 1801 2000 | ' LogID'",
            "0800 1000 2000 | ' service'",
            "0800 1000 1801 | ' method'",
            "1801           | ' SeqID LogID method'",
    })
    void theMissingRequiredFieldsAreNamedAndOnlyThose(String bytes, String missing) {
        assertThatThrownBy(() -> codec.decode(hex(bytes)))
                .isInstanceOf(FrameFormatException.class).hasMessage("a required field is missing:" + missing);
    }

    @Test
    void aHeaderWithoutItsKeyOrItsValueSaysWhichIsMissing() {
        assertThatThrownBy(() -> codec.decode(hex("0800 1000 1801 2000 2a06 120470696e67")))
                .isInstanceOf(FrameFormatException.class).hasMessage("a header without its key");
        assertThatThrownBy(() -> codec.decode(hex("0800 1000 1801 2000 2a06 0a0474797065")))
                .isInstanceOf(FrameFormatException.class).hasMessage("a header without its value");
        assertThatThrownBy(() -> codec.decode(hex("0800 1000 1801 2000 2a00")))
                .isInstanceOf(FrameFormatException.class).hasMessage("a header without its key");
    }

    @Test
    void aFrameOfExactlyTheByteBoundIsReadAndOneByteMoreIsNot() throws Exception {
        byte[] ping = codec.encode(Frame.ping(33554678));

        assertThat(new FrameCodec(ping.length, 1).decode(ping)).isEqualTo(Frame.ping(33554678));
        assertThatThrownBy(() -> new FrameCodec(ping.length - 1, 1).decode(ping))
                .isInstanceOf(FrameFormatException.class)
                .hasMessage("frame of " + ping.length + " bytes is over the limit of " + (ping.length - 1));
    }

    @Test
    void boundsMustBePositiveSaveZeroHeaders() throws Exception {
        assertThatThrownBy(() -> new FrameCodec(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bounds must be positive: 0, 1");
        assertThatThrownBy(() -> new FrameCodec(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameCodec(1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bounds must be positive: 1, -1");

        FrameCodec noHeaders = new FrameCodec(1, 0);
        FrameCodec noHeadersRoomy = new FrameCodec(100, 0);
        assertThatThrownBy(() -> noHeaders.decode(hex("0800 1000 1801 2000")))
                .isInstanceOf(FrameFormatException.class).hasMessage("frame of 8 bytes is over the limit of 1");
        assertThat(noHeadersRoomy.decode(hex("0800 1000 1801 2000"))).isEqualTo(new Frame(0, 0, 1, 0, List.of(), null, null,
                new byte[0], null));
        assertThatThrownBy(() -> noHeadersRoomy.decode(codec.encode(Frame.ping(1))))
                .isInstanceOf(FrameFormatException.class).hasMessage("more than 0 headers");
    }
}
