/**
 * The long-connection client: the bot opens Feishu's WebSocket itself and needs no public URL.
 *
 * <p>{@link dev.pushstatus.feishu.ws.EndpointCall} asks Feishu for a connection URL;
 * {@link dev.pushstatus.feishu.ws.LongConnection} connects, pings, watches for silence,
 * reconnects on Feishu's schedule, reassembles chunked payloads
 * ({@link dev.pushstatus.feishu.ws.Reassembly}), hands each payload to an
 * {@link dev.pushstatus.feishu.ws.EventSink} (the event service) and turns its
 * {@link dev.pushstatus.inbound.EventAnswer} into an ack frame
 * ({@link dev.pushstatus.feishu.ws.AckPayloads}). Frames are protobuf {@code pbbp2.Frame}
 * (src/main/proto/pbbp2.proto), read and written by {@link dev.pushstatus.feishu.ws.FrameCodec}.
 *
 * <p>May import OkHttp, Jackson, protobuf-java, Caffeine's {@code Ticker}, Micrometer,
 * {@code inbound}'s {@code EventAnswer} and {@code feishu}; never Javalin, {@code web} or
 * {@code app}. The protocol facts are in docs/feishu.md, section 13.
 */
@NullMarked
package dev.pushstatus.feishu.ws;

import org.jspecify.annotations.NullMarked;
