package dev.pushstatus.feishu.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code pbbp2.Frame} of the long connection (src/main/proto/pbbp2.proto).
 *
 * <p>{@code seqId} and {@code logId} are protobuf {@code uint64}, held in a {@code long} with the
 * same bits (Feishu's values are echoed, never compared). An absent and an empty payload are the
 * same: an empty payload is not written. The optional strings are null when absent and written
 * whenever present. The payload array is copied in and out, so a frame cannot change after it is
 * made; {@link #toString()} shows the payload's length only, never its content.
 *
 * @param headers in the order received; the ack echoes them all
 */
public record Frame(long seqId, long logId, int service, int method, List<Header> headers,
                    @Nullable String payloadEncoding, @Nullable String payloadType, byte[] payload,
                    @Nullable String logIdNew) {

    /** {@code method} of a control frame: ping, pong. */
    public static final int METHOD_CONTROL = 0;
    /** {@code method} of a data frame: event, card. */
    public static final int METHOD_DATA = 1;

    /** One key/value header; both are required by the schema. */
    public record Header(String key, String value) {
        public Header {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public Frame {
        headers = List.copyOf(headers);
        payload = payload.clone();
    }

    /** The payload, a copy. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    /** The first value of a header, or null when there is none. */
    public @Nullable String header(String key) {
        for (Header header : headers) {
            if (header.key().equals(key)) {
                return header.value();
            }
        }
        return null;
    }

    /** The {@code type} header ({@code ping}, {@code pong}, {@code event}, {@code card}), or null. */
    public @Nullable String type() {
        return header("type");
    }

    /** This frame with {@code key} set to {@code value}: every earlier value replaced in place, else appended. */
    public Frame withHeader(String key, String value) {
        List<Header> changed = new ArrayList<>(headers.size() + 1);
        boolean replaced = false;
        for (Header header : headers) {
            if (header.key().equals(key)) {
                if (!replaced) {
                    changed.add(new Header(key, value));
                    replaced = true;
                }
            } else {
                changed.add(header);
            }
        }
        if (!replaced) {
            changed.add(new Header(key, value));
        }
        return new Frame(seqId, logId, service, method, changed, payloadEncoding, payloadType, payload, logIdNew);
    }

    /** This frame with another payload, everything else kept. */
    public Frame withPayload(byte[] newPayload) {
        return new Frame(seqId, logId, service, method, headers, payloadEncoding, payloadType, newPayload, logIdNew);
    }

    /** The ping the client sends: SeqID 0, LogID 0, the URL's service id, method 0, header type=ping, no payload. */
    public static Frame ping(int service) {
        return new Frame(0, 0, service, METHOD_CONTROL, List.of(new Header("type", "ping")), null, null,
                new byte[0], null);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Frame that
                && seqId == that.seqId && logId == that.logId && service == that.service && method == that.method
                && headers.equals(that.headers)
                && Objects.equals(payloadEncoding, that.payloadEncoding)
                && Objects.equals(payloadType, that.payloadType)
                && Arrays.equals(payload, that.payload)
                && Objects.equals(logIdNew, that.logIdNew);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seqId, logId, service, method, headers, payloadEncoding, payloadType,
                Arrays.hashCode(payload), logIdNew);
    }

    /** Everything but the payload's content (payloads are event data: never logged). */
    @Override
    public String toString() {
        return "Frame[seqId=" + Long.toUnsignedString(seqId) + ", logId=" + Long.toUnsignedString(logId)
                + ", service=" + service + ", method=" + method + ", headers=" + headers
                + ", payloadEncoding=" + payloadEncoding + ", payloadType=" + payloadType
                + ", payload=" + payload.length + " bytes, logIdNew=" + logIdNew + "]";
    }

    /** The payload as UTF-8 text (for JSON payloads such as a pong's settings). */
    String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
