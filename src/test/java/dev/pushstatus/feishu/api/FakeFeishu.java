package dev.pushstatus.feishu.api;

import dev.pushstatus.store.RollingWindowLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.feishu.FeishuJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * A stand-in Feishu inside OkHttp: an application interceptor that records every request and
 * answers from scripts, so the client is tested without a socket.
 *
 * <p>Each path has a queue of answers; the last one repeats. The token endpoint, unless
 * scripted, hands out {@code t-1}, {@code t-2}, ... with {@code expire: 7200}.
 */
final class FakeFeishu implements Interceptor {

    static final HttpUrl BASE = HttpUrl.get("https://open.feishu.cn");
    static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    static final String HELPDESK_PATH = "/open-apis/helpdesk/v1/notifications/6981801914270744596";
    static final FeishuCredentials CREDENTIALS = new FeishuCredentials("cli_app", "app-secret", "hid", "htoken");

    /** A request as the fake saw it. */
    record Recorded(String method, HttpUrl url, Map<String, String> headers, String body) {
        String path() {
            return url.encodedPath();
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        JsonNode json() {
            try {
                return FeishuJson.newMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }
    }

    /** One scripted answer: a status, a body and headers, or an IOException. */
    record Answer(int status, String body, String contentType, Map<String, String> headers, IOException failure) {
        static Answer json(int status, String body) {
            return new Answer(status, body, "application/json; charset=utf-8", Map.of(), null);
        }

        static Answer html(int status, String body) {
            return new Answer(status, body, "text/html", Map.of(), null);
        }

        static Answer failing(IOException failure) {
            return new Answer(0, null, null, Map.of(), failure);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, contentType, more, failure);
        }
    }

    final List<Recorded> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Answer>> scripts = new HashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch[]> holds = new java.util.concurrent.ConcurrentHashMap<>();
    private int tokensIssued;

    /** Scripts the answers for a path, in order; the last one repeats. */
    FakeFeishu on(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /**
     * Holds the next answers on a path until {@code release} opens; {@code arrived} opens when a
     * request is being held. For "what happens while a call hangs" without sleeping.
     */
    FakeFeishu hold(String path, java.util.concurrent.CountDownLatch arrived, java.util.concurrent.CountDownLatch release) {
        holds.put(path, new java.util.concurrent.CountDownLatch[] {arrived, release});
        return this;
    }

    OkHttpClient httpClient() {
        return new OkHttpClient.Builder().addInterceptor(this).build();
    }

    /** A client on this fake whose waits move the test's clock instead of sleeping. */
    FeishuClient client(MutableClock clock) {
        return new FeishuClient(httpClient(), BASE, CREDENTIALS, FeishuJson.newMapper(),
                new RollingWindowLimiter(100, Duration.ofMinutes(1), clock), clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Retries.standard(clock::advance));
    }

    List<Recorded> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<String> paths() {
        return requests.stream().map(Recorded::path).toList();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        requests.add(record(request));
        java.util.concurrent.CountDownLatch[] hold = holds.get(request.url().encodedPath());
        if (hold != null) {
            hold[0].countDown();
            try {
                hold[1].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("held call interrupted");
            }
        }
        Answer answer = next(request.url().encodedPath());
        if (answer.failure() != null) {
            throw answer.failure();
        }
        Response.Builder response = new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(answer.status())
                .message("x")
                .header("X-Tt-Logid", "log-" + requests.size())
                .body(ResponseBody.create(answer.body(), MediaType.get(answer.contentType())));
        answer.headers().forEach(response::header);
        return response.build();
    }

    private Answer next(String path) {
        Deque<Answer> script = scripts.get(path);
        if (script == null && path.equals(TOKEN_PATH)) {
            tokensIssued++;
            return Answer.json(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-" + tokensIssued
                    + "\",\"expire\":7200}");
        }
        if (script == null) {
            return Answer.json(404, "{\"code\":404,\"msg\":\"no script for " + path + "\"}");
        }
        return script.size() > 1 ? script.removeFirst() : script.peekFirst();
    }

    private static Recorded record(Request request) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), request.header(name));
        }
        String body = null;
        if (request.body() != null) {
            Buffer buffer = new Buffer();
            request.body().writeTo(buffer);
            body = buffer.readUtf8();
            if (request.body().contentType() != null) {
                headers.putIfAbsent("content-type", request.body().contentType().toString());
            }
        }
        return new Recorded(request.method(), request.url(), Map.copyOf(headers), body);
    }
}
