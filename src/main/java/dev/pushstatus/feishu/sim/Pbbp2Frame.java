package dev.pushstatus.feishu.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of Feishu's long connection: the protobuf {@code pbbp2.Frame} (proto2), with its own
 * hand-written codec on plain varints, so it shares no code with the bot's client:
 *
 * <pre>
 * message Header { required string key = 1; required string value = 2; }
 * message Frame {
 *   required uint64 SeqID = 1;  required uint64 LogID = 2;  required int32 service = 3;
 *   required int32 method = 4;  repeated Header headers = 5;  optional string payload_encoding = 6;
 *   optional string payload_type = 7;  optional bytes payload = 8;  optional string LogIDNew = 9;
 * }
 * </pre>
 *
 * The four required fields are always written; an optional field is written when it is not null.
 * Decoding is strict as proto2 is: a missing required field, a truncated field or a wire type
 * that does not fit the field is an {@link IllegalArgumentException}; unknown fields are skipped.
 */
public record Pbbp2Frame(long seqId, long logId, int service, int method, List<Header> headers,
                         @Nullable String payloadEncoding, @Nullable String payloadType, byte @Nullable [] payload,
                         @Nullable String logIdNew) {

    /** {@code method} of a control frame (ping, pong). */
    public static final int CONTROL = 0;
    /** {@code method} of a data frame (event, card, and the client's ack). */
    public static final int DATA = 1;

    /** Protobuf wire types. */
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    /** A {@code pbbp2.Header}. */
    public record Header(String key, String value) {}

    public Pbbp2Frame {
        headers = List.copyOf(headers);
        payload = payload == null ? null : payload.clone();
    }

    /** A frame with only the required fields, the headers and (when not null) a payload. */
    public static Pbbp2Frame of(long seqId, long logId, int service, int method, List<Header> headers,
                                byte @Nullable [] payload) {
        return new Pbbp2Frame(seqId, logId, service, method, headers, null, null, payload, null);
    }

    @Override
    public byte @Nullable [] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload as UTF-8 text, or null when there is none. */
    public @Nullable String payloadText() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    /** The value of the first header with this key, or null. */
    public @Nullable String header(String key) {
        return headers.stream().filter(h -> h.key().equals(key)).map(Header::value).findFirst().orElse(null);
    }

    // --- encoding ---

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarintField(out, 1, seqId);
        writeVarintField(out, 2, logId);
        writeVarintField(out, 3, service);
        writeVarintField(out, 4, method);
        for (Header h : headers) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            writeBytesField(header, 1, h.key().getBytes(StandardCharsets.UTF_8));
            writeBytesField(header, 2, h.value().getBytes(StandardCharsets.UTF_8));
            writeBytesField(out, 5, header.toByteArray());
        }
        if (payloadEncoding != null) {
            writeBytesField(out, 6, payloadEncoding.getBytes(StandardCharsets.UTF_8));
        }
        if (payloadType != null) {
            writeBytesField(out, 7, payloadType.getBytes(StandardCharsets.UTF_8));
        }
        if (payload != null) {
            writeBytesField(out, 8, payload);
        }
        if (logIdNew != null) {
            writeBytesField(out, 9, logIdNew.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
        writeVarint(out, ((long) field << 3) | VARINT);
        writeVarint(out, value);
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, ((long) field << 3) | LENGTH_DELIMITED);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    /** Seven bits at a time, lowest first; a negative int32 is sign-extended to ten bytes, as protobuf does. */
    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // --- decoding ---

    /** Decodes a frame; {@link IllegalArgumentException} when the bytes are not a complete {@code pbbp2.Frame}. */
    public static Pbbp2Frame decode(byte[] bytes) {
        Reader in = new Reader(bytes, 0, bytes.length);
        Long seqId = null;
        Long logId = null;
        Integer service = null;
        Integer method = null;
        List<Header> headers = new ArrayList<>();
        String payloadEncoding = null;
        String payloadType = null;
        byte[] payload = null;
        String logIdNew = null;
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> seqId = in.expect(wireType, VARINT, field).varint();
                case 2 -> logId = in.expect(wireType, VARINT, field).varint();
                case 3 -> service = (int) in.expect(wireType, VARINT, field).varint();
                case 4 -> method = (int) in.expect(wireType, VARINT, field).varint();
                case 5 -> headers.add(header(in.expect(wireType, LENGTH_DELIMITED, field).bytes()));
                case 6 -> payloadEncoding = utf8(in.expect(wireType, LENGTH_DELIMITED, field).bytes());
                case 7 -> payloadType = utf8(in.expect(wireType, LENGTH_DELIMITED, field).bytes());
                case 8 -> payload = in.expect(wireType, LENGTH_DELIMITED, field).bytes();
                case 9 -> logIdNew = utf8(in.expect(wireType, LENGTH_DELIMITED, field).bytes());
                default -> in.skip(wireType, field);
            }
        }
        if (seqId == null || logId == null || service == null || method == null) {
            throw new IllegalArgumentException("a required field is missing (SeqID, LogID, service, method: "
                    + seqId + ", " + logId + ", " + service + ", " + method + ")");
        }
        return new Pbbp2Frame(seqId, logId, service, method, headers, payloadEncoding, payloadType, payload, logIdNew);
    }

    private static Header header(byte[] bytes) {
        Reader in = new Reader(bytes, 0, bytes.length);
        String key = null;
        String value = null;
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> key = utf8(in.expect(wireType, LENGTH_DELIMITED, field).bytes());
                case 2 -> value = utf8(in.expect(wireType, LENGTH_DELIMITED, field).bytes());
                default -> in.skip(wireType, field);
            }
        }
        if (key == null || value == null) {
            throw new IllegalArgumentException("a header without its required key or value");
        }
        return new Header(key, value);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A cursor over protobuf bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        Reader expect(int wireType, int expected, int field) {
            if (wireType != expected) {
                throw new IllegalArgumentException("field " + field + " has wire type " + wireType + ", not " + expected);
            }
            return this;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than ten bytes");
        }

        byte[] bytes() {
            long length = varint();
            if (length < 0 || length > end - pos) {
                throw new IllegalArgumentException("length " + length + " past the end of the frame");
            }
            byte[] out = Arrays.copyOfRange(bytes, pos, pos + (int) length);
            pos += (int) length;
            return out;
        }

        void skip(int wireType, int field) {
            switch (wireType) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> bytes();
                case FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("field " + field + " has unsupported wire type " + wireType);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new IllegalArgumentException("truncated fixed-width field");
            }
            pos += n;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pbbp2Frame f && seqId == f.seqId && logId == f.logId && service == f.service
                && method == f.method && headers.equals(f.headers) && Objects.equals(payloadEncoding, f.payloadEncoding)
                && Objects.equals(payloadType, f.payloadType) && Arrays.equals(payload, f.payload)
                && Objects.equals(logIdNew, f.logIdNew);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seqId, logId, service, method, headers, payloadEncoding, payloadType, Arrays.hashCode(payload),
                logIdNew);
    }

    @Override
    public String toString() {
        return "Pbbp2Frame[SeqID=" + seqId + ", LogID=" + logId + ", service=" + service + ", method=" + method
                + ", headers=" + headers + (payloadEncoding == null ? "" : ", payload_encoding=" + payloadEncoding)
                + (payloadType == null ? "" : ", payload_type=" + payloadType)
                + (payload == null ? "" : ", payload=" + (payload.length <= 200 ? payloadText() : payload.length + " bytes"))
                + (logIdNew == null ? "" : ", LogIDNew=" + logIdNew) + "]";
    }
}
