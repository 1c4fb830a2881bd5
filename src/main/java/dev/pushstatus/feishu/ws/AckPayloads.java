package dev.pushstatus.feishu.ws;

import dev.pushstatus.inbound.EventAnswer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The payload of an ack frame for each {@link EventAnswer}: JSON with an HTTP-style {@code code}
 * (200 handled, 500 push it again) and, for a callback, its answer JSON as Base64 of the UTF-8
 * text in {@code data}.
 */
public final class AckPayloads implements EventAnswer.Cases<byte[]> {

    private static final String OK = "{\"code\":200}";
    private static final String AGAIN = "{\"code\":500}";

    /** The ack payload for {@code answer}. */
    public byte[] payloadFor(EventAnswer answer) {
        return answer.accept(this);
    }

    /** The {@code code} the ack for {@code answer} carries: 200 or 500 (for metrics and logs). */
    public static int codeFor(EventAnswer answer) {
        return answer.handled() ? 200 : 500;
    }

    /** Handled, a reply sent or the event deliberately ignored. */
    @Override
    public byte[] done(EventAnswer.Done done) {
        return utf8(OK);
    }

    /** The URL-verification handshake does not happen on the long connection; answered as handled. */
    @Override
    public byte[] challenge(EventAnswer.Challenge challenge) {
        return utf8(OK);
    }

    /** A card callback's answer (toast and card), carried Base64-encoded in {@code data}. */
    @Override
    public byte[] callback(EventAnswer.Callback callback) {
        String data = Base64.getEncoder().encodeToString(utf8(callback.json()));
        return utf8("{\"code\":200,\"data\":\"" + data + "\"}");
    }

    /** Still working, reply failed or shutting down: Feishu pushes it again. */
    @Override
    public byte[] deliverAgain(EventAnswer.DeliverAgain deliverAgain) {
        return utf8(AGAIN);
    }

    /** A payload that is not an event: 500, as the webhook answers non-200. */
    @Override
    public byte[] rejected(EventAnswer.Rejected rejected) {
        return utf8(AGAIN);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
