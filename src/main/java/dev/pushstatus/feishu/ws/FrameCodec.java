package dev.pushstatus.feishu.ws;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@code pbbp2.Frame} (src/main/proto/pbbp2.proto) by hand on protobuf-java's
 * {@link CodedInputStream} and {@link CodedOutputStream}.
 *
 * <p>Why by hand: the schema is nine fields and one nested two-field message, and will not grow on
 * our side. Generated code would need a protoc binary downloaded in every build (or generated
 * sources checked in and exempted from the package and null rules that ArchUnit applies to every
 * class). The {@code .proto} stays checked in as the specification, and {@code FrameCodecTest}
 * checks this codec against bytes that protobuf-java encoded from that schema.
 *
 * <p>Proto2 rules kept: the four required fields are always written (0 when there is nothing to
 * say) and a frame without one is refused, as is a header without its key or value; unknown fields
 * are skipped; when a non-repeated field appears twice the last one wins. Bounds: a frame over
 * {@code maxFrameBytes} or with more than {@code maxHeaders} headers is refused before or while it
 * is read. A refused frame is a {@link FrameFormatException}, never an unchecked exception.
 */
public final class FrameCodec {

    /** Largest frame read by {@link #standard()}: a chunk of a big payload is far smaller. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    /** Most headers read by {@link #standard()}: Feishu sends fewer than ten. */
    public static final int MAX_HEADERS = 64;

    private static final int SEQ_ID = 1;
    private static final int LOG_ID = 2;
    private static final int SERVICE = 3;
    private static final int METHOD = 4;
    private static final int HEADERS = 5;
    private static final int PAYLOAD_ENCODING = 6;
    private static final int PAYLOAD_TYPE = 7;
    private static final int PAYLOAD = 8;
    private static final int LOG_ID_NEW = 9;
    private static final int HEADER_KEY = 1;
    private static final int HEADER_VALUE = 2;

    private final int maxFrameBytes;
    private final int maxHeaders;

    public FrameCodec(int maxFrameBytes, int maxHeaders) {
        if (maxFrameBytes <= 0 || maxHeaders < 0) {
            throw new IllegalArgumentException("bounds must be positive: " + maxFrameBytes + ", " + maxHeaders);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.maxHeaders = maxHeaders;
    }

    /** At most 4 MiB and 64 headers a frame. */
    public static FrameCodec standard() {
        return new FrameCodec(MAX_FRAME_BYTES, MAX_HEADERS);
    }

    /** The frame's bytes; fields in schema order, the four required ones always. */
    public byte[] encode(Frame frame) {
        byte[] out = new byte[size(frame)];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            stream.writeUInt64(SEQ_ID, frame.seqId());
            stream.writeUInt64(LOG_ID, frame.logId());
            stream.writeInt32(SERVICE, frame.service());
            stream.writeInt32(METHOD, frame.method());
            for (Frame.Header header : frame.headers()) {
                stream.writeTag(HEADERS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                stream.writeUInt32NoTag(headerSize(header));
                stream.writeString(HEADER_KEY, header.key());
                stream.writeString(HEADER_VALUE, header.value());
            }
            if (frame.payloadEncoding() != null) {
                stream.writeString(PAYLOAD_ENCODING, frame.payloadEncoding());
            }
            if (frame.payloadType() != null) {
                stream.writeString(PAYLOAD_TYPE, frame.payloadType());
            }
            if (frame.payloadLength() > 0) {
                stream.writeByteArray(PAYLOAD, frame.payload());
            }
            if (frame.logIdNew() != null) {
                stream.writeString(LOG_ID_NEW, frame.logIdNew());
            }
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            // Only an array of the wrong size could cause this, and size() computed it.
            throw new IllegalStateException("frame size miscomputed", e);
        }
        return out;
    }

    /**
     * The frame in {@code bytes}.
     *
     * @throws FrameFormatException when the bytes are cut off, not a frame, miss a required field,
     *         or exceed the bounds
     */
    public Frame decode(byte[] bytes) throws FrameFormatException {
        if (bytes.length > maxFrameBytes) {
            throw new FrameFormatException("frame of " + bytes.length + " bytes is over the limit of " + maxFrameBytes);
        }
        try {
            return read(CodedInputStream.newInstance(bytes));
        } catch (IOException e) {
            throw new FrameFormatException("not a frame: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A hostile or broken message must never break the connection's reader.
            throw new FrameFormatException("not a frame: " + e, e);
        }
    }

    private Frame read(CodedInputStream in) throws IOException, FrameFormatException {
        long seqId = 0;
        long logId = 0;
        int service = 0;
        int method = 0;
        int required = 0;
        List<Frame.Header> headers = new ArrayList<>();
        String payloadEncoding = null;
        String payloadType = null;
        byte[] payload = new byte[0];
        String logIdNew = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case SEQ_ID -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT);
                    seqId = in.readUInt64();
                    required |= 1;
                }
                case LOG_ID -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT);
                    logId = in.readUInt64();
                    required |= 2;
                }
                case SERVICE -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT);
                    service = in.readInt32();
                    required |= 4;
                }
                case METHOD -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT);
                    method = in.readInt32();
                    required |= 8;
                }
                case HEADERS -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    if (headers.size() >= maxHeaders) {
                        throw new FrameFormatException("more than " + maxHeaders + " headers");
                    }
                    headers.add(readHeader(in));
                }
                case PAYLOAD_ENCODING -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    payloadEncoding = in.readStringRequireUtf8();
                }
                case PAYLOAD_TYPE -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    payloadType = in.readStringRequireUtf8();
                }
                case PAYLOAD -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    payload = in.readByteArray();
                }
                case LOG_ID_NEW -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    logIdNew = in.readStringRequireUtf8();
                }
                default -> skip(in, tag);
            }
        }
        if (required != 15) {
            throw new FrameFormatException("a required field is missing:" + missing(required));
        }
        return new Frame(seqId, logId, service, method, headers, payloadEncoding, payloadType, payload, logIdNew);
    }

    private static String missing(int required) {
        StringBuilder names = new StringBuilder();
        String[] fields = {"SeqID", "LogID", "service", "method"};
        for (int i = 0; i < fields.length; i++) {
            if ((required & (1 << i)) == 0) {
                names.append(' ').append(fields[i]);
            }
        }
        return names.toString();
    }

    private static Frame.Header readHeader(CodedInputStream in) throws IOException, FrameFormatException {
        int length = in.readRawVarint32();
        int outer = in.pushLimit(length);
        String key = null;
        String value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case HEADER_KEY -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    key = in.readStringRequireUtf8();
                }
                case HEADER_VALUE -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    value = in.readStringRequireUtf8();
                }
                default -> skip(in, tag);
            }
        }
        in.popLimit(outer);
        if (key == null || value == null) {
            throw new FrameFormatException("a header without its " + (key == null ? "key" : "value"));
        }
        return new Frame.Header(key, value);
    }

    private static void skip(CodedInputStream in, int tag) throws IOException, FrameFormatException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_END_GROUP || !in.skipField(tag)) {
            throw new FrameFormatException("unexpected end-group tag for field " + WireFormat.getTagFieldNumber(tag));
        }
    }

    private static void expect(int tag, int wireType) throws FrameFormatException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new FrameFormatException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    private static int size(Frame frame) {
        int size = CodedOutputStream.computeUInt64Size(SEQ_ID, frame.seqId())
                + CodedOutputStream.computeUInt64Size(LOG_ID, frame.logId())
                + CodedOutputStream.computeInt32Size(SERVICE, frame.service())
                + CodedOutputStream.computeInt32Size(METHOD, frame.method());
        for (Frame.Header header : frame.headers()) {
            int headerSize = headerSize(header);
            size += CodedOutputStream.computeTagSize(HEADERS) + CodedOutputStream.computeUInt32SizeNoTag(headerSize)
                    + headerSize;
        }
        size += optionalStringSize(PAYLOAD_ENCODING, frame.payloadEncoding());
        size += optionalStringSize(PAYLOAD_TYPE, frame.payloadType());
        if (frame.payloadLength() > 0) {
            size += CodedOutputStream.computeTagSize(PAYLOAD)
                    + CodedOutputStream.computeUInt32SizeNoTag(frame.payloadLength()) + frame.payloadLength();
        }
        size += optionalStringSize(LOG_ID_NEW, frame.logIdNew());
        return size;
    }

    private static int headerSize(Frame.Header header) {
        return CodedOutputStream.computeStringSize(HEADER_KEY, header.key())
                + CodedOutputStream.computeStringSize(HEADER_VALUE, header.value());
    }

    private static int optionalStringSize(int field, @Nullable String value) {
        return value == null ? 0 : CodedOutputStream.computeStringSize(field, value);
    }
}
