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
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The simulator playing the Feishu client, for the one bot at {@link #botUrl()}, fixed when the
 * chat starts ({@link FeishuSimulator#startChat}). {@code POST /sim/say} turns the posted text into
 * an encrypted, signed message event, delivers it to the bot, and answers with the bot's HTTP
 * status and the reply card it sent back. {@code POST /sim/click} clicks a button of a card the
 * bot sent ({@code card.action.trigger}, or the legacy callback) and, like Feishu, puts the card
 * the bot answers with in place of the old one. {@code GET /sim/metrics} is the bot's metrics as
 * the console shows them.
 */
final class SandboxChat {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
    private static final Duration METRICS_WAIT = Duration.ofSeconds(5);

    private final FeishuSimulator simulator;
    private final URI botUrl;
    private final ObjectMapper mapper;
    private final EventFactory events;
    private final EventSealer sealer;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(REPLY_WAIT).build();

    SandboxChat(FeishuSimulator simulator, URI botUrl, ObjectMapper mapper, Clock clock) {
        this.simulator = simulator;
        this.botUrl = botUrl;
        this.mapper = mapper;
        this.events = new EventFactory(simulator.credentials(), mapper, clock);
        this.sealer = new EventSealer(simulator.credentials(), clock);
    }

    URI botUrl() {
        return botUrl;
    }

    void say(Context ctx) throws InterruptedException {
        try {
            deliverSaid(ctx);
        } catch (IOException unreachable) {
            notReachable(ctx, unreachable);
        }
    }

    void click(Context ctx) {
        try {
            deliverClick(ctx);
        } catch (IOException unreachable) {
            notReachable(ctx, unreachable);
        }
    }

    /** {@code GET /sim/metrics}: the bot's own series from its {@code /metrics}, comments left out. */
    void metrics(Context ctx) {
        String text;
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
        int status = deliver(sealer.seal(events.message(message)));
        ObjectNode answer = mapper.createObjectNode().put("status", status);
        List<RecordedReply> replies = status == 200
                ? simulator.replies()
                : simulator.awaitReplies(repliesBefore + 1, REPLY_WAIT);
        replies.stream().filter(r -> r.replyToMessageId().equals(message.messageId())).findFirst()
                .ifPresentOrElse(r -> {
                    answer.put("message_id", r.newMessageId());
                    answer.set("reply", readTree(r.content()));
                }, () -> answer.putNull("reply"));
        simulator.send(ctx, 200, answer);
    }

    /**
     * Body: {@code {"card_message_id": "om_sim_1", "value": {...}, "legacy": false}}; without a
     * value, the card's first button with one (Refresh) is clicked.
     */
    private void deliverClick(Context ctx) throws IOException {
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
        SealedRequest sealed = legacy
                ? sealer.sealLegacyCard(events.legacyCardAction(click))
                : sealer.seal(events.cardAction(click));
        Answer answer = post(legacy ? "/webhook/card" : "/webhook/event", sealed);
        ObjectNode body = readTree(answer.body());
        JsonNode newCard = legacy ? body : body.path("card").path("data");
        if (answer.status() == 200 && newCard.has("header")) {
            simulator.updateCard(cardMessageId, newCard.toString());
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

    private int deliver(SealedRequest request) throws IOException {
        return post("/webhook/event", request).status();
    }

    private record Answer(int status, String body) {}

    private Answer post(String path, SealedRequest request) throws IOException {
        Request.Builder builder = new Request.Builder().url(botUrl.resolve(path).toString())
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
