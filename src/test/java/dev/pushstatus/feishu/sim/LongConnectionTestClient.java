package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.FeishuJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * A bare long-connection client for the simulator's tests: the endpoint call, an OkHttp WebSocket,
 * and its own few lines of protobuf for frames (not the simulator's codec, not the bot's client),
 * so the test checks the simulator against a third reading of the protocol.
 */
final class LongConnectionTestClient implements AutoCloseable {

    static final ObjectMapper JSON = FeishuJson.newMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame as this client reads it; headers in order. */
    record Frame(long seqId, long logId, int service, int method, List<Map.Entry<String, String>> headers,
                 byte @Nullable [] payload) {

        @Nullable String header(String key) {
            return headers.stream().filter(h -> h.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        String text() {
            return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
        }

        byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            varintField(out, 1, seqId);
            varintField(out, 2, logId);
            varintField(out, 3, service);
            varintField(out, 4, method);
            for (Map.Entry<String, String> h : headers) {
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                bytesField(header, 1, h.getKey().getBytes(StandardCharsets.UTF_8));
                bytesField(header, 2, h.getValue().getBytes(StandardCharsets.UTF_8));
                bytesField(out, 5, header.toByteArray());
            }
            if (payload != null) {
                bytesField(out, 8, payload);
            }
            return out.toByteArray();
        }

        /** This frame as its ack: same SeqID, LogID, service, method and headers, plus biz_rt, and the payload. */
        Frame ack(String payloadJson) {
            List<Map.Entry<String, String>> echoed = new ArrayList<>(headers);
            echoed.add(Map.entry("biz_rt", "3"));
            return new Frame(seqId, logId, service, method, echoed, payloadJson.getBytes(StandardCharsets.UTF_8));
        }

        static Frame ping(int service) {
            return new Frame(0, 0, service, 0, List.of(Map.entry("type", "ping")), null);
        }

        static Frame decode(byte[] bytes) {
            long seq = 0;
            long log = 0;
            int service = 0;
            int method = 0;
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            byte[] payload = null;
            int[] pos = {0};
            while (pos[0] < bytes.length) {
                long tag = varint(bytes, pos);
                int field = (int) (tag >>> 3);
                if ((tag & 7) == 0) {
                    long v = varint(bytes, pos);
                    switch (field) {
                        case 1 -> seq = v;
                        case 2 -> log = v;
                        case 3 -> service = (int) v;
                        case 4 -> method = (int) v;
                        default -> { }
                    }
                } else {
                    int length = (int) varint(bytes, pos);
                    byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + length);
                    pos[0] += length;
                    if (field == 5) {
                        int[] p = {0};
                        String key = null;
                        String val = null;
                        while (p[0] < value.length) {
                            long t = varint(value, p);
                            int n = (int) varint(value, p);
                            String s = new String(value, p[0], n, StandardCharsets.UTF_8);
                            p[0] += n;
                            if (t >>> 3 == 1) {
                                key = s;
                            } else {
                                val = s;
                            }
                        }
                        headers.add(Map.entry(String.valueOf(key), String.valueOf(val)));
                    } else if (field == 8) {
                        payload = value;
                    }
                }
            }
            return new Frame(seq, log, service, method, headers, payload);
        }

        private static long varint(byte[] b, int[] pos) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos[0]++];
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }

        private static void varintField(ByteArrayOutputStream out, int field, long value) {
            varint(out, (long) field << 3);
            varint(out, value);
        }

        private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
            varint(out, ((long) field << 3) | 2);
            varint(out, value.length);
            out.writeBytes(value);
        }

        private static void varint(ByteArrayOutputStream out, long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }

    /** How the WebSocket ended, as OkHttp reports it. */
    record Ending(@Nullable Integer closeCode, @Nullable Throwable failure, @Nullable Integer httpStatus,
                  Map<String, String> headers) {}

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(WAIT).build();
    final CompletableFuture<Response> opened = new CompletableFuture<>();
    final CompletableFuture<Ending> ended = new CompletableFuture<>();
    final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private @Nullable WebSocket socket;
    int service;

    /** {@code POST /callback/ws/endpoint} with these credentials: the answer's JSON. */
    static JsonNode endpoint(FeishuSimulator sim, String appId, String appSecret) throws IOException {
        String body = JSON.createObjectNode().put("AppID", appId).put("AppSecret", appSecret).toString();
        Request request = new Request.Builder().url(sim.baseUrl() + LongConnectionServer.ENDPOINT_PATH).header("locale", "zh")
                .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8"))).build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            return JSON.readTree(response.body().string());
        }
    }

    /** Fetches a URL with the simulator's credentials and opens the WebSocket (not waiting for it). */
    static LongConnectionTestClient connect(FeishuSimulator sim) throws IOException {
        JsonNode answer = endpoint(sim, sim.credentials().appId(), sim.credentials().appSecret());
        return open(answer.path("data").path("URL").asText());
    }

    static LongConnectionTestClient open(String url) {
        LongConnectionTestClient client = new LongConnectionTestClient();
        client.service = Integer.parseInt(url.replaceAll(".*[?&]service_id=(\\d+).*", "$1"));
        client.socket = client.http.newWebSocket(new Request.Builder().url(url).build(), client.new Listener());
        return client;
    }

    /** Waits for the handshake; fails when it was refused. */
    LongConnectionTestClient awaitOpen() throws Exception {
        opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    Ending awaitEnd() throws Exception {
        return ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void send(Frame frame) {
        if (socket != null) {
            socket.send(ByteString.of(frame.encode()));
        }
    }

    void sendText(String text) {
        if (socket != null) {
            socket.send(text);
        }
    }

    void sendRaw(byte[] bytes) {
        if (socket != null) {
            socket.send(ByteString.of(bytes));
        }
    }

    /** The next frame the simulator sent, or null after the wait. */
    @Nullable Frame next(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    Frame next() throws InterruptedException {
        Frame frame = next(WAIT);
        if (frame == null) {
            throw new AssertionError("no frame from the simulator within " + WAIT);
        }
        return frame;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close(1000, "bye");
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(response);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            frames.add(Frame.decode(bytes.toByteArray()));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            texts.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            ended.complete(new Ending(code, null, null, Map.of()));
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
            Map<String, String> headers = new java.util.TreeMap<>();
            if (response != null) {
                response.headers().forEach(pair -> headers.put(pair.getFirst().toLowerCase(java.util.Locale.ROOT),
                        pair.getSecond()));
            }
            ended.complete(new Ending(null, t, response == null ? null : response.code(), headers));
            opened.completeExceptionally(t);
        }
    }
}
