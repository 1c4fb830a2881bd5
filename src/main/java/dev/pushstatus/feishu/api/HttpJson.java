package dev.pushstatus.feishu.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one request and reads Feishu's JSON answer; never throws for network or upstream trouble. */
final class HttpJson {

    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(HttpJson.class);

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;

    HttpJson(OkHttpClient http, ObjectMapper mapper, MeterRegistry metrics) {
        this.http = http;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    RequestBody body(Object value) {
        try {
            return RequestBody.create(mapper.writeValueAsBytes(value), JSON);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    /** Runs the request; {@code endpoint} names it in metrics (token, bot_info, helpdesk, reply). */
    Exchange execute(String endpoint, Request request) {
        long start = System.nanoTime();
        Exchange exchange = execute(request, start);
        String code = exchange.either(answered -> String.valueOf(answered.code()), none -> "no_answer");
        Timer.builder("pushbot_upstream_requests")
                .description("Calls to the Feishu Open Platform by endpoint and Feishu code")
                .tag("endpoint", endpoint).tag("code", code)
                .register(metrics)
                .record(Duration.ofNanos(System.nanoTime() - start));
        return exchange;
    }

    private Exchange execute(Request request, long start) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            String logId = response.header("X-Tt-Logid");
            long ms = (System.nanoTime() - start) / 1_000_000;
            // Path only: query strings and bodies may carry ids or personal data, headers carry tokens.
            log.debug("upstream {} {} -> http={} ms={} logid={}", request.method(), request.url().encodedPath(),
                    response.code(), ms, logId);
            JsonNode root = readTree(text);
            if (root == null || !root.isObject()) {
                return new Exchange.NoAnswer("http " + response.code() + " without a JSON body", response.code() >= 500);
            }
            int code = root.path("code").asInt(response.isSuccessful() ? 0 : -1);
            return new Exchange.Answered(response.code(), code, root.path("msg").asText(""), root,
                    response.header("x-ogw-ratelimit-reset"), logId);
        } catch (IOException e) {
            log.debug("upstream {} {} -> no answer: {}", request.method(), request.url().encodedPath(), e.toString());
            return new Exchange.NoAnswer(e instanceof java.io.InterruptedIOException ? "timeout" : "connection failed", true);
        }
    }

    <T> T read(JsonNode node, Class<T> type) throws JacksonException {
        return mapper.treeToValue(node, type);
    }

    private JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
