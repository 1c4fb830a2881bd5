package dev.pushstatus.feishu.event;

import java.util.function.Function;

/** The outcome of decoding a webhook body: an event to act on, or a refusal. */
public sealed interface DecodeResult {

    /** The event, or the refusal: exactly one of the two functions is called. */
    <R> R either(Function<InboundEvent, R> accepted, Function<Rejected, R> rejected);

    /** A verified event. */
    record Accepted(InboundEvent event) implements DecodeResult {
        @Override
        public <R> R either(Function<InboundEvent, R> accepted, Function<Rejected, R> rejected) {
            return accepted.apply(event);
        }
    }

    /** A refused body; detail is for the log only (never echoed to the caller). */
    record Rejected(Rejection rejection, String detail) implements DecodeResult {
        @Override
        public <R> R either(Function<InboundEvent, R> accepted, Function<Rejected, R> rejected) {
            return rejected.apply(this);
        }
    }

    static DecodeResult malformed(String detail) {
        return new Rejected(Rejection.MALFORMED, detail);
    }

    static DecodeResult unauthorized(String detail) {
        return new Rejected(Rejection.UNAUTHORIZED, detail);
    }
}
