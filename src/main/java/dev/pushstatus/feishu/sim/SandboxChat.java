package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code POST /sim/say}: the simulator plays the Feishu client. It turns the posted text into an
 * encrypted, signed message event, delivers it to the bot, and answers with the bot's HTTP status
 * and the reply card it sent back.
 */
final class SandboxChat {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);

    private final FeishuSimulator simulator;
    private final String botBaseUrl;
    private final ObjectMapper mapper;
    private final EventFactory events;
    private final EventSealer sealer;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(REPLY_WAIT).build();

    SandboxChat(FeishuSimulator simulator, String botBaseUrl, ObjectMapper mapper, Clock clock) {
        this.simulator = simulator;
        this.botBaseUrl = botBaseUrl;
        this.mapper = mapper;
        this.events = new EventFactory(simulator.credentials(), mapper, clock);
        this.sealer = new EventSealer(simulator.credentials(), clock);
    }

    void say(Context ctx) throws IOException, InterruptedException {
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
                .ifPresentOrElse(r -> answer.set("reply", readTree(r.content())), () -> answer.putNull("reply"));
        simulator.send(ctx, 200, answer);
    }

    private int deliver(SealedRequest request) throws IOException {
        Request.Builder builder = new Request.Builder().url(botBaseUrl + "/webhook/event")
                .post(RequestBody.create(request.body(), MediaType.get("application/json; charset=utf-8")));
        request.headers().forEach(builder::header);
        try (Response response = http.newCall(builder.build()).execute()) {
            return response.code();
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
