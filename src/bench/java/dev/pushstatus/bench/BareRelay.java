package dev.pushstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.ApiTimeouts;
import dev.pushstatus.feishu.api.FeishuClient;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The "bare relay" ceiling of a reply, as a process of its own started with the bot's JVM flags:
 * one Javalin (Jetty) route that reads the request body, makes one outbound POST of a reply of the
 * same size as the bot's (the same reply endpoint of the simulator, the bot's OkHttp settings) and
 * answers 200. No verification, decryption, parsing, dedupe, lookup or rendering: what is left is
 * the three HTTP exchanges a reply cannot avoid (event in, reply out, answer back).
 *
 * <p>Arguments: simulator base URL, app id, app secret, the card content (a JSON string) to send,
 * the port. Prints {@code RELAY <port>} when it listens.
 */
public final class BareRelay {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        ObjectMapper mapper = FeishuJson.newMapper();
        // The bot's OkHttp settings, with room to keep a connection per request in flight: the bot's
        // calls are bounded by its 16 handler threads, the relay's by the connections wrk opens.
        OkHttpClient http = FeishuClient.httpClient(ApiTimeouts.defaults()).newBuilder()
                .connectionPool(new okhttp3.ConnectionPool(512, 5, java.util.concurrent.TimeUnit.MINUTES)).build();
        String token;
        Map<String, String> ask = Map.of("app_id", args[1], "app_secret", args[2]);
        try (Response r = http.newCall(new Request.Builder().url(base + "/open-apis/auth/v3/tenant_access_token/internal")
                .post(RequestBody.create(mapper.writeValueAsBytes(ask), JSON)).build()).execute()) {
            token = mapper.readTree(r.body().string()).path("tenant_access_token").asText();
        }
        String content = args[3];
        AtomicLong n = new AtomicLong();
        String auth = "Bearer " + token;
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.post("/webhook/event", ctx -> relay(ctx, http, mapper, base, auth, content, n.incrementAndGet()));
        });
        app.start(Integer.parseInt(args[4]));
        System.out.println("RELAY " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void relay(Context ctx, OkHttpClient http, ObjectMapper mapper, String base, String auth,
                              String content, long n) throws Exception {
        byte[] in = ctx.bodyAsBytes();
        // The bot's reply body: msg_type, the card as a string, a uuid unique per message.
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("msg_type", "interactive");
        reply.put("content", content);
        reply.put("uuid", "relay-" + n + "-" + in.length);
        Request post = new Request.Builder().url(base + "/open-apis/im/v1/messages/om_relay" + n + "/reply")
                .header("Authorization", auth)
                .post(RequestBody.create(mapper.writeValueAsBytes(reply), JSON)).build();
        try (Response r = http.newCall(post).execute()) {
            r.body().bytes();
            ctx.status(r.isSuccessful() ? 200 : 502).result("{}");
        }
    }
}
