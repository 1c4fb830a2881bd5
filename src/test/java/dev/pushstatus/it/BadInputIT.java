package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.SealedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad bodies over real HTTP: each gets 400, 401 or 413, never a stack trace, and the bot stays well. */
class BadInputIT {

    static BotHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BotHarness.encrypted();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static List<byte[]> badBodies() {
        Random random = new Random(7);
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", "{", "{\"encrypt\":", "not json", "null", "[]", "42", "{\"encrypt\":42}",
                "{\"encrypt\":\"%%%not-base64%%%\"}", "{\"encrypt\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}",
                "{\"schema\":\"2.0\",\"header\":[],\"event\":7}", "[".repeat(100_000), "{\"a\":".repeat(20_000),
                "{\"challenge\":\"x\",\"type\":\"url_verification\",\"token\":\"forged\"}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'});
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[random.nextInt(5_000)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        String good = new String(h.sealer.seal(h.events.message(EventFactory.Message.p2p("/help"))).body(),
                StandardCharsets.UTF_8);
        bodies.add(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    @Test
    void everyBadBodyGetsAClientErrorWithoutAStackTrace() throws Exception {
        for (String path : List.of("/webhook/event", "/webhook/card")) {
            for (byte[] body : badBodies()) {
                for (boolean signed : new boolean[] {false, true}) {
                    SealedRequest request = signed ? signedAsFeishu(body) : new SealedRequest(body, Map.of());

                    BotHarness.Answer answer = h.post(path, request);

                    String what = path + (signed ? " signed " : " ") + new String(body, 0, Math.min(body.length, 40),
                            StandardCharsets.ISO_8859_1);
                    assertThat(answer.code()).as(what).isIn(400, 401, 413);
                    assertThat(answer.body()).as(what).doesNotContain("Exception", "\tat ", "java.", "dev.pushstatus");
                }
            }
        }
        assertThat(h.sim.calls("/open-apis/helpdesk")).isEmpty();
        assertThat(h.sim.replies()).isEmpty();
        assertThat(h.get("/healthz").code()).isEqualTo(200);
        assertThat(h.deliver(EventFactory.Message.p2p("/help"))).as("still answering after it all").isEqualTo(200);
    }

    @Test
    void aHugeBodyWithoutADeclaredLengthIsCutOffWith413() throws Exception {
        okhttp3.RequestBody chunked = new okhttp3.RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get("application/json");
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws java.io.IOException {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                for (int i = 0; i < 40; i++) {
                    sink.write(chunk);
                }
            }
        };
        okhttp3.Request request = new okhttp3.Request.Builder().url(h.botUrl() + "/webhook/event").post(chunked).build();
        double refusedBefore = tooLargeAnswers();
        int code;
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
            code = response.code();
        } catch (java.io.IOException cutOff) {
            // The server may close the stream before the client has written it all, and then the client
            // never reads the answer: only the bot's own count below can say it was a 413.
            code = CUT_OFF;
        }
        assertThat(code).as("the answer the client read").isIn(413, CUT_OFF);
        assertThat(awaitTooLargeAnswers(refusedBefore + 1)).as("413 answers the bot counted for /webhook/event")
                .isEqualTo(refusedBefore + 1);
        assertThat(h.get("/healthz").code()).isEqualTo(200);
    }

    private static final int CUT_OFF = -1;

    /** The bot's own count of 413 answers on /webhook/event, from /metrics. */
    private static double tooLargeAnswers() throws Exception {
        double sum = 0;
        for (String line : h.get("/metrics").body().split("\n")) {
            if (line.startsWith("pushbot_http_requests_seconds_count{") && line.contains("route=\"/webhook/event\"")
                    && line.contains("status=\"413\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The count once it reaches {@code expected}, or what it is after 5 s (the bot may still be answering). */
    private static double awaitTooLargeAnswers(double expected) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        double now = tooLargeAnswers();
        while (now < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = tooLargeAnswers();
        }
        return now;
    }

    /** Signature headers that match the bytes, so the decoder gets past the signature to the content. */
    private static SealedRequest signedAsFeishu(byte[] body) throws Exception {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = "1234";
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((timestamp + nonce + h.creds.encryptKey()).getBytes(StandardCharsets.UTF_8));
        sha.update(body);
        return new SealedRequest(body, Map.of("X-Lark-Request-Timestamp", timestamp, "X-Lark-Request-Nonce", nonce,
                "X-Lark-Signature", java.util.HexFormat.of().formatHex(sha.digest())));
    }
}
