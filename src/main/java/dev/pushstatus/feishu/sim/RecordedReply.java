package dev.pushstatus.feishu.sim;

import java.time.Instant;

/** A reply the bot sent and the simulator accepted. */
public record RecordedReply(String replyToMessageId, String msgType, String content, String uuid, String newMessageId,
                            Instant at) {}
