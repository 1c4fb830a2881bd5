package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One queued fault in the simulator's log: what it is, for which endpoint, and whether it is
 * still waiting, was played on a call ("used"), or was cleared unplayed. Times are ISO-8601 text.
 */
public record FaultRecord(
        long seq,
        Fault.Endpoint endpoint,
        String label,
        String state,
        @JsonProperty("queued_at") @JsonSerialize(using = ToStringSerializer.class) Instant queuedAt,
        @JsonProperty("settled_at") @JsonSerialize(using = ToStringSerializer.class) @Nullable Instant settledAt) {

    /** How many records the log keeps: enough to see what a few clicks did. */
    static final int KEPT = 30;

    /** Where a fault is in its life: waiting, played on a call, or dropped unplayed. */
    public static final String QUEUED = "queued";
    public static final String USED = "used";
    public static final String CLEARED = "cleared";

    static FaultRecord queued(long seq, Fault.Endpoint endpoint, String label, Instant at) {
        return new FaultRecord(seq, endpoint, label, QUEUED, at, null);
    }

    FaultRecord settled(String to, Instant at) {
        return new FaultRecord(seq, endpoint, label, to, queuedAt, at);
    }

    /** A label for a fault injected without one. */
    static String describe(Fault fault) {
        if (fault instanceof Fault.Error error) {
            return String.valueOf(error.httpStatus());
        }
        return "slow " + ((Fault.Delay) fault).delay().toMillis() + " ms";
    }
}
