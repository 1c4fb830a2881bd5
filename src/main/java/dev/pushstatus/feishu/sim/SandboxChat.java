package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The simulator playing the Feishu client, for the one bot fixed when the chat starts, over the
 * webhook ({@link FeishuSimulator#startChat}) or the long connection
 * ({@link FeishuSimulator#startChatOverLongConnection}). {@code POST /sim/say} turns the posted
 * text into a message event, delivers it to the bot (encrypted and signed to its
 * {@code /webhook/event}, or pushed once in plain JSON over the open long connection), and answers
 * with the bot's status (the HTTP status, or the ack's code) and the reply card it sent back.
 * {@code POST /sim/click} clicks a button of a card the bot sent ({@code card.action.trigger}, or
 * the legacy callback, which is webhook only) and, like Feishu, puts the card the bot answers with
 * (the HTTP body, or the ack's base64 {@code data}) in place of the old one. {@code GET /sim/metrics}
 * is the bot's metrics as the console shows them, when the bot's URL is known.
 */
final class SandboxChat {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
    private static final Duration METRICS_WAIT = Duration.ofSeconds(5);

    private final FeishuSimulator simulator;
    private final @Nullable URI botUrl;
    private final @Nullable LongConnectionServer longConnection;
    private final ObjectMapper mapper;
    private final EventFactory events;
    private final EventSealer sealer;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(REPLY_WAIT).build();

    private SandboxChat(FeishuSimulator simulator, @Nullable URI botUrl, @Nullable LongConnectionServer longConnection,
                        ObjectMapper mapper, Clock clock) {
        this.simulator = simulator;
        this.botUrl = botUrl;
        this.longConnection = longConnection;
        this.mapper = mapper;
        this.events = new EventFactory(simulator.credentials(), mapper, clock);
        this.sealer = new EventSealer(simulator.credentials(), clock);
    }

    /** Events and clicks POSTed to the bot's webhook at this URL. */
    static SandboxChat overWebhook(FeishuSimulator simulator, URI botUrl, ObjectMapper mapper, Clock clock) {
        return new SandboxChat(simulator, botUrl, null, mapper, clock);
    }

    /** Events and clicks pushed over the long connection; the bot's URL, when given, only for its metrics. */
    static SandboxChat overLongConnection(FeishuSimulator simulator, LongConnectionServer longConnection, @Nullable URI botUrl,
                                          ObjectMapper mapper, Clock clock) {
        return new SandboxChat(simulator, botUrl, longConnection, mapper, clock);
    }

    /** How the chat reaches the bot, for messages. */
    String describe() {
        return longConnection == null ? "with the bot at " + botUrl
                : "over the long connection" + (botUrl == null ? "" : ", with the bot at " + botUrl);
    }

    boolean overLongConnection() {
        return longConnection != null;
    }

    void say(Context ctx) throws InterruptedException {
        try {
            deliverSaid(ctx);
        } catch (IOException unreachable) {
            notReachable(ctx, unreachable);
        }
    }

    void click(Context ctx) throws InterruptedException {
        try {
            deliverClick(ctx);
        } catch (IOException unreachable) {
            notReachable(ctx, unreachable);
        }
    }

    /** {@code GET /sim/metrics}: the bot's own series from its {@code /metrics}, comments left out. */
    void metrics(Context ctx) {
        String text;
        if (botUrl == null) {
            ctx.contentType("text/plain; charset=utf-8")
                    .result("bot metrics unknown: the chat over the long connection started without the bot's URL");
            return;
        }
        OkHttpClient quick = http.newBuilder().callTimeout(METRICS_WAIT).build();
        try (Response response = quick.newCall(new Request.Builder().url(botUrl.resolve("/metrics").toString()).build())
                .execute()) {
            text = response.body().string().lines()
                    .filter(line -> line.startsWith("pushbot_") || line.startsWith("cache_"))
                    .filter(line -> !line.contains("_bucket{"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            text = "bot not reachable: " + e.getMessage();
        }
        ctx.contentType("text/plain; charset=utf-8").result(text);
    }

    /** {@code ?format=text}: a few lines a person reads in a terminal instead of the JSON. */
    static boolean wantsText(Context ctx) {
        return "text".equals(ctx.queryParam("format"));
    }

    /** {@code ?lang=zh_cn}: the card language of a text answer; English unless asked. */
    static String lang(Context ctx) {
        return "zh_cn".equals(ctx.queryParam("lang")) ? "zh_cn" : "en_us";
    }

    private void notReachable(Context ctx, IOException e) {
        simulator.send(ctx, 502, mapper.createObjectNode().put("error", "the bot did not answer: " + e.getMessage()));
    }

    private void deliverSaid(Context ctx) throws IOException, InterruptedException {
        boolean group = "group".equals(ctx.queryParam("chat"));
        boolean mention = !"false".equals(ctx.queryParam("mention"));
        String text = ctx.body().strip();
        EventFactory.Message message = group
                ? EventFactory.Message.groupMention(text).withMention(mention)
                : EventFactory.Message.p2p(text);
        int repliesBefore = simulator.replies().size();
        int status = deliver(events.message(message));
        ObjectNode answer = mapper.createObjectNode().put("status", status);
        List<RecordedReply> replies = status == 200
                ? simulator.replies()
                : simulator.awaitReplies(repliesBefore + 1, REPLY_WAIT);
        Optional<RecordedReply> reply = replies.stream().filter(r -> r.replyToMessageId().equals(message.messageId()))
                .findFirst();
        if (wantsText(ctx)) {
            String who = (longConnection == null ? "the bot answered HTTP " : "the bot acked with code ") + status;
            ctx.contentType("text/plain; charset=utf-8").result(reply
                    .map(r -> who + " and replied with card " + r.newMessageId() + ":\n"
                            + CardSummary.of(readTree(r.content()), lang(ctx)) + "\n")
                    .orElse(who + "; no reply\n"));
            return;
        }
        reply.ifPresentOrElse(r -> {
            answer.put("message_id", r.newMessageId());
            answer.set("reply", readTree(r.content()));
        }, () -> answer.putNull("reply"));
        simulator.send(ctx, 200, answer);
    }

    /**
     * Body: {@code {"card_message_id": "om_sim_1", "value": {...}, "legacy": false}}; without a
     * value, the card's first button with one (Refresh) is clicked.
     */
    private void deliverClick(Context ctx) throws IOException, InterruptedException {
        JsonNode request = readTree(ctx.body());
        String cardMessageId = request.path("card_message_id").asText("");
        Optional<RecordedReply> card = simulator.replies().stream()
                .filter(r -> r.newMessageId().equals(cardMessageId)).findFirst();
        if (card.isEmpty()) {
            simulator.send(ctx, 404, mapper.createObjectNode().put("error", "no card with message id " + cardMessageId));
            return;
        }
        JsonNode value = request.has("value") ? request.path("value") : firstButtonValue(card.get());
        Map<String, String> clicked = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> clicked.put(e.getKey(), e.getValue().asText()));
        EventFactory.Click click = EventFactory.Click.on(cardMessageId, clicked);
        boolean legacy = request.path("legacy").asBoolean(false);
        Answer answer;
        if (longConnection == null) {
            SealedRequest sealed = legacy
                    ? sealer.sealLegacyCard(events.legacyCardAction(click))
                    : sealer.seal(events.cardAction(click));
            answer = post(legacy ? "/webhook/card" : "/webhook/event", sealed);
        } else if (legacy) {
            simulator.send(ctx, 400, mapper.createObjectNode().put("error",
                    "the legacy card callback is webhook only: over the long connection a click is card.action.trigger"));
            return;
        } else {
            answer = pushed(longConnection.deliverCard(events.cardAction(click)));
        }
        ObjectNode body = readTree(answer.body());
        JsonNode newCard = legacy ? body : body.path("card").path("data");
        if (answer.status() == 200 && newCard.has("header")) {
            simulator.updateCard(cardMessageId, newCard.toString());
        }
        if (wantsText(ctx)) {
            JsonNode toast = body.path("toast");
            String text = toast.isObject()
                    ? "toast (" + toast.path("type").asText() + "): " + toast.path("i18n").path(lang(ctx)).asText(toast.path("content").asText())
                    : "the bot answered " + answer.status() + " with no toast";
            ctx.contentType("text/plain; charset=utf-8").result(text + (newCard.has("header")
                    ? "\ncard " + cardMessageId + " now reads:\n" + CardSummary.of(newCard, lang(ctx)) : "\nthe card stays as it was") + "\n");
            return;
        }
        ObjectNode result = mapper.createObjectNode().put("status", answer.status());
        result.set("answer", body);
        simulator.send(ctx, 200, result);
    }

    private JsonNode firstButtonValue(RecordedReply card) {
        for (JsonNode actions : readTree(card.content()).findValues("actions")) {
            for (JsonNode button : actions) {
                if (button.path("value").isObject()) {
                    return button.path("value");
                }
            }
        }
        return mapper.createObjectNode();
    }

    /** Delivers the event once: to the webhook (sealed), or pushed over the long connection (plain). */
    private int deliver(String eventJson) throws IOException, InterruptedException {
        if (longConnection == null) {
            return post("/webhook/event", sealer.seal(eventJson)).status();
        }
        return pushed(longConnection.deliver(eventJson, "event", 1, 1)).status();
    }

    /** The bot's status (its HTTP status, or its ack's code) and answer body. */
    private record Answer(int status, String body) {}

    /** A push as an answer: the ack's code and decoded data; an IOException when no ack came, as a webhook timeout. */
    private static Answer pushed(LongConnectionServer.Delivery delivery) throws IOException {
        LongConnectionServer.Push push = delivery.pushes().get(delivery.pushes().size() - 1);
        LongConnectionServer.Ack ack = push.ack();
        if (ack == null) {
            throw new IOException(switch (push.result()) {
                case NO_CONNECTION -> "no bot is connected over the long connection";
                case SWALLOWED -> "the long connection is silent (a fault): the event was not sent";
                default -> "no ack came over the long connection in time";
            });
        }
        String data = ack.data();
        return new Answer(ack.code(), data == null ? "{}" : data);
    }

    private Answer post(String path, SealedRequest request) throws IOException {
        Request.Builder builder = new Request.Builder().url(Objects.requireNonNull(botUrl).resolve(path).toString())
                .post(RequestBody.create(request.body(), MediaType.get("application/json; charset=utf-8")));
        request.headers().forEach(builder::header);
        try (Response response = http.newCall(builder.build()).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }

    private ObjectNode readTree(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JacksonException | ClassCastException e) {
            return mapper.createObjectNode().put("unreadable", json);
        }
    }
}
