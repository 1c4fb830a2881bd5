package dev.pushstatus.feishu.event;

/** The outcome of decoding a webhook body: an event to act on, or a refusal. */
public sealed interface DecodeResult {

    /** A verified event. */
    record Accepted(InboundEvent event) implements DecodeResult {}

    /** A refused body; detail is for the log only (never echoed to the caller). */
    record Rejected(Rejection rejection, String detail) implements DecodeResult {}

    static DecodeResult malformed(String detail) {
        return new Rejected(Rejection.MALFORMED, detail);
    }

    static DecodeResult unauthorized(String detail) {
        return new Rejected(Rejection.UNAUTHORIZED, detail);
    }
}
