package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * A reply the bot sent and the simulator accepted. {@code GET /sim/replies} serves these; the time
 * is ISO-8601 text, as Jackson has no {@code Instant} support without the java.time module.
 */
public record RecordedReply(String replyToMessageId, String msgType, String content, String uuid, String newMessageId,
                            @JsonSerialize(using = ToStringSerializer.class) Instant at) {}
