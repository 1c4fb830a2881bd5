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
        int code;
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
            code = response.code();
        } catch (java.io.IOException cutOff) {
            code = 413;  // the server may close the stream before the client has written it all
        }
        assertThat(code).isEqualTo(413);
        assertThat(h.get("/healthz").code()).isEqualTo(200);
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
