package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.pushstatus.bot.ButtonClick;
import dev.pushstatus.bot.ChatType;
import dev.pushstatus.bot.IncomingMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a webhook call into a verified {@link InboundEvent}, or says why it is refused.
 *
 * <p>Order matters: a signed request's signature is checked before anything is decrypted. An
 * unsigned encrypted body is still decrypted, because the URL-verification handshake may come
 * unsigned (SDKs skip the check for it); it must then carry the right token, and anything other
 * than the handshake in an unsigned body is refused.
 */
public final class EventDecoder {

    static final String H_TIMESTAMP = "X-Lark-Request-Timestamp";
    static final String H_NONCE = "X-Lark-Request-Nonce";
    static final String H_SIGNATURE = "X-Lark-Signature";
    private static final int MAX_VALUE_FIELDS = 16;
    private static final int MAX_VALUE_CHARS = 256;

    /**
     * Signed requests whose timestamp is further than this from now are refused as replays. Loose
     * on purpose: the dedupe by message_id is the real guard, and whether Feishu's retries carry
     * a fresh timestamp is unverified (a stale-looking retry is refused with a log line saying so).
     */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
    /** Timestamps above this are taken as milliseconds; Feishu sends seconds, but that is unverified. */
    private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;
    /** Past any plausible time in milliseconds (year 33658): larger values are refused, never converted. */
    private static final long MAX_TIMESTAMP = 1_000_000_000_000_000L;

    private final WebhookSecrets secrets;
    private final ObjectMapper mapper;
    private final EventDecryptor decryptor;
    private final Clock clock;

    public EventDecoder(WebhookSecrets secrets, ObjectMapper mapper, Clock clock) {
        this.secrets = secrets;
        this.mapper = mapper;
        this.clock = clock;
        this.decryptor = secrets.encrypted() ? new EventDecryptor(secrets.encryptKey()) : null;
    }

    /** Decodes a call to the event request URL ({@code /webhook/event}). */
    public DecodeResult decodeEvent(WebhookRequest request) {
        return open(request, false);
    }

    /** Decodes a call to the legacy card request URL ({@code /webhook/card}). */
    public DecodeResult decodeLegacyCard(WebhookRequest request) {
        return open(request, true);
    }

    /**
     * Decodes an event that came down Feishu's long connection: the same envelope as the webhook's,
     * in plain JSON with no token or signature to check (the connection itself was authenticated
     * with the app's credentials when it was opened).
     */
    public DecodeResult decodeFromLongConnection(byte[] payload) {
        Optional<Envelope> envelope = Utf8.valid(payload) ? readEnvelope(payload) : Optional.empty();
        if (envelope.isEmpty()) {
            return DecodeResult.malformed("payload is not a JSON object shaped like an event");
        }
        if (envelope.get().isUrlVerification() || envelope.get().encrypt() != null) {
            // Neither belongs on the long connection; acknowledged and ignored like any other stray type.
            return new DecodeResult.Accepted(new InboundEvent.Unhandled(envelope.get().isUrlVerification()
                    ? "url_verification" : "encrypted"));
        }
        try {
            return new DecodeResult.Accepted(dispatch(envelope.get()));
        } catch (JacksonException | IllegalArgumentException wrongShape) {
            return DecodeResult.malformed("event has the wrong shape");
        }
    }

    private DecodeResult open(WebhookRequest request, boolean legacyCard) {
        // Straight from the bytes into the Envelope record, no tree and no string in between: the
        // only JSON pass over the body (the encrypted wrapper is one field, and its plaintext gets
        // one pass too). The bytes must be valid UTF-8 first: Jackson alone is not that strict.
        byte[] json = request.body();
        Optional<Envelope> outer = Utf8.valid(json) ? readEnvelope(json) : Optional.empty();
        if (outer.isEmpty()) {
            return DecodeResult.malformed("body is not a JSON object shaped like an event");
        }
        boolean signed = request.header(H_SIGNATURE) != null;
        if (signed && !signatureValid(request, legacyCard)) {
            return DecodeResult.unauthorized("signature does not match");
        }
        boolean signatureChecked = signed && (secrets.encrypted() || legacyCard);
        Optional<String> replay = signatureChecked ? timestampProblem(request.header(H_TIMESTAMP)) : Optional.empty();
        if (replay.isPresent()) {
            return DecodeResult.unauthorized(replay.get());
        }
        Envelope envelope = outer.get();
        if (secrets.encrypted() && envelope.encrypt() != null) {
            Optional<byte[]> decrypted = decryptor.decryptBytes(envelope.encrypt());
            Optional<Envelope> inner = decrypted.flatMap(this::readEnvelope);
            if (inner.isEmpty()) {
                return DecodeResult.unauthorized("body cannot be decrypted with the Encrypt Key into an event");
            }
            json = decrypted.get();
            envelope = inner.get();
        } else if (secrets.encrypted() && !legacyCard) {
            return DecodeResult.unauthorized("an Encrypt Key is set but the body is not encrypted");
        }
        if (envelope.isUrlVerification()) {
            return urlVerification(envelope);
        }
        boolean needsSignature = secrets.encrypted() || legacyCard;
        if (needsSignature && !signed) {
            return DecodeResult.unauthorized("signature headers missing");
        }
        if (!legacyCard && !secrets.encrypted() && !tokenMatches(envelope.verificationToken())) {
            return DecodeResult.unauthorized("verification token does not match");
        }
        // With an Encrypt Key the signature is the proof; a token, if present, must still agree.
        // (A legacy card body's "token" is the card's update token, not the Verification Token.)
        if (secrets.encrypted() && !legacyCard && envelope.verificationToken() != null
                && !tokenMatches(envelope.verificationToken())) {
            return DecodeResult.unauthorized("verification token does not match");
        }
        try {
            return new DecodeResult.Accepted(legacyCard ? legacyCardAction(json) : dispatch(envelope));
        } catch (JacksonException | IllegalArgumentException wrongShape) {
            return DecodeResult.malformed("event has the wrong shape");
        }
    }

    private DecodeResult urlVerification(Envelope envelope) {
        if (!tokenMatches(envelope.token())) {
            return DecodeResult.unauthorized("verification token does not match");
        }
        if (envelope.challenge() == null) {
            return DecodeResult.malformed("url_verification without challenge");
        }
        return new DecodeResult.Accepted(new InboundEvent.UrlVerification(envelope.challenge()));
    }

    private InboundEvent dispatch(Envelope envelope) throws JacksonException {
        if (!envelope.isV2()) {
            String type = envelope.event() == null ? envelope.type()
                    : tree(envelope.event()).path("type").asText(envelope.type());
            return new InboundEvent.Unhandled(String.valueOf(type));
        }
        String type = envelope.header().eventType();
        if ("im.message.receive_v1".equals(type)) {
            return message(envelope);
        }
        if ("card.action.trigger".equals(type)) {
            return cardAction(envelope);
        }
        return new InboundEvent.Unhandled(String.valueOf(type));
    }

    private InboundEvent message(Envelope envelope) throws JacksonException {
        MessageEvent event = bind(envelope.event(), MessageEvent.class);
        if (event == null || event.message() == null || event.sender() == null) {
            throw new IllegalArgumentException("message event without message or sender");
        }
        if (!FeishuIds.wellFormed(event.message().messageId())) {
            // It goes into the reply's URL and every log line: "..", a newline or 100 KB must not.
            throw new IllegalArgumentException("message_id is not shaped like a Feishu id");
        }
        MessageEvent.Message m = event.message();
        MessageEvent.Sender sender = event.sender();
        Set<String> mentioned = m.mentions() == null ? Set.of() : m.mentions().stream()
                .filter(mention -> mention != null && mention.id() != null && mention.id().openId() != null)
                .map(mention -> mention.id().openId())
                .collect(Collectors.toUnmodifiableSet());
        IncomingMessage incoming = new IncomingMessage(
                m.messageId(),
                m.chatId(),
                "p2p".equals(m.chatType()) ? ChatType.P2P : ChatType.GROUP,
                sender.senderId() == null ? null : sender.senderId().openId(),
                "user".equals(sender.senderType()),
                sender.tenantKey(),
                envelope.header().tenantKey(),
                MessageText.extract(m.messageType(), m.content(), mapper).orElse(null),
                mentioned);
        return new InboundEvent.MessageReceived(FeishuIds.orNull(envelope.header().eventId()), incoming);
    }

    private InboundEvent cardAction(Envelope envelope) throws JacksonException {
        CardActionEvent event = bind(envelope.event(), CardActionEvent.class);
        if (event == null || event.operator() == null) {
            throw new IllegalArgumentException("card action without operator");
        }
        CardActionEvent.Context context = event.context();
        return new InboundEvent.CardAction(FeishuIds.orNull(envelope.header().eventId()), new ButtonClick(
                event.operator().openId(),
                event.operator().tenantKey(),
                envelope.header().tenantKey(),
                context == null ? null : context.openChatId(),
                context == null ? null : FeishuIds.orNull(context.openMessageId()),
                valueOf(event.action()),
                FeishuIds.orNull(envelope.header().eventId())));
    }

    private InboundEvent legacyCardAction(byte[] json) throws JacksonException {
        CardActionEvent.Legacy event;
        try {
            event = mapper.readValue(json, CardActionEvent.Legacy.class);
        } catch (JacksonException e) {
            throw e;
        } catch (IOException cannotHappen) {
            throw new IllegalArgumentException("card callback unreadable", cannotHappen);
        }
        // The legacy callback names one tenant only, the clicker's: the app's own is not known here
        // (the event service supplies the one verified events named).
        // Its token changes with every click, so it tells a replay of this click from a new click.
        return new InboundEvent.CardAction(null, new ButtonClick(event.openId(), event.tenantKey(), null,
                event.openChatId(), FeishuIds.orNull(event.openMessageId()), valueOf(event.action()),
                FeishuIds.orNull(event.token())));
    }

    /**
     * The button value's scalar members as text. The bot's own buttons carry flat string
     * values; anything nested or oversized is not ours and is dropped rather than trusted.
     */
    private static Map<String, String> valueOf(CardActionEvent.Action action) {
        if (action == null || action.value() == null || !action.value().isObject()) {
            return Map.of();
        }
        Map<String, String> value = new LinkedHashMap<>();
        action.value().fields().forEachRemaining(field -> {
            JsonNode v = field.getValue();
            if (v.isValueNode() && !v.isNull() && value.size() < MAX_VALUE_FIELDS && v.asText().length() <= MAX_VALUE_CHARS) {
                value.put(field.getKey(), v.asText());
            }
        });
        return value;
    }

    private boolean signatureValid(WebhookRequest request, boolean legacyCard) {
        if (!secrets.encrypted() && !legacyCard) {
            // Without an Encrypt Key there is nothing to sign events with; the token is the check.
            return true;
        }
        String timestamp = request.header(H_TIMESTAMP);
        String nonce = request.header(H_NONCE);
        if (timestamp == null || nonce == null) {
            return false;
        }
        String expected = legacyCard
                ? Signatures.legacyCardSignature(timestamp, nonce, secrets.verificationToken(), request.body())
                : Signatures.eventSignature(timestamp, nonce, secrets.encryptKey(), request.body());
        return Signatures.signatureMatches(expected, request.header(H_SIGNATURE));
    }

    /** Why a signed request's timestamp is refused, if it is: unreadable, or too far from now. */
    private Optional<String> timestampProblem(String timestamp) {
        long value;
        try {
            value = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException notANumber) {
            return Optional.of("request timestamp is not a number");
        }
        if (value <= 0 || value > MAX_TIMESTAMP) {
            return Optional.of("request timestamp " + value + " is out of range");
        }
        Instant sent = value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of("request timestamp is " + skew.toMinutes() + " min from now (more than "
                    + MAX_CLOCK_SKEW.toMinutes() + " min): refused as a replay");
        }
        return Optional.empty();
    }

    private boolean tokenMatches(String token) {
        return Signatures.constantTimeEquals(secrets.verificationToken(), token);
    }

    /** The event's tokens bound to its record; null for an absent or JSON-null event. */
    private <T> @Nullable T bind(@Nullable TokenBuffer event, Class<T> type) throws JacksonException {
        if (event == null) {
            return null;
        }
        try (JsonParser parser = event.asParser(mapper)) {
            return mapper.readValue(parser, type);
        } catch (JacksonException e) {
            throw e;
        } catch (IOException cannotHappen) {
            // Tokens in memory: no I/O, so no other IOException; treated as the wrong shape.
            throw new IllegalArgumentException("event tokens unreadable", cannotHappen);
        }
    }

    private JsonNode tree(TokenBuffer event) throws JacksonException {
        try (JsonParser parser = event.asParser(mapper)) {
            JsonNode node = mapper.readTree(parser);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            throw e;
        } catch (IOException cannotHappen) {
            throw new IllegalArgumentException("event tokens unreadable", cannotHappen);
        }
    }

    /**
     * Whether Jackson reads these bytes as UTF-8 without a byte-order mark, as it reads the same
     * text given as a string: it would skip a UTF-8 BOM and take zero bytes up front for UTF-16 or
     * UTF-32, where the text (and JSON, which has no raw zero byte) refuses both.
     */
    private static boolean plainUtf8Start(byte[] json) {
        if (json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF) {
            return false;
        }
        for (int i = 0; i < Math.min(4, json.length); i++) {
            if (json[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The envelope, or empty when the text is not a JSON object (or one of the wrong shape). */
    private Optional<Envelope> readEnvelope(byte[] json) {
        if (!plainUtf8Start(json)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.readValue(json, Envelope.class));
        } catch (JacksonException notAnObject) {
            return Optional.empty();
        } catch (IOException cannotHappen) {
            // Bytes in memory: no I/O, so no other IOException.
            return Optional.empty();
        }
    }
}
