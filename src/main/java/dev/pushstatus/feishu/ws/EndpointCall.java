package dev.pushstatus.feishu.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Feishu for a long-connection URL: {@code POST {base}/callback/ws/endpoint} with header
 * {@code locale: zh} and {@code {"AppID":...,"AppSecret":...}}. A new URL is needed for every
 * connect. Blocking (bounded by {@link #TIMEOUT}); never throws for network or upstream trouble.
 *
 * <p>The URL's query carries credentials: neither this class nor {@link Result.Url#toString()}
 * ever shows it; {@link #describe(HttpUrl)} gives host, path and {@code device_id} for logs.
 */
public final class EndpointCall {

    /** The path under the Open Platform's base URL. */
    public static final String PATH = "/callback/ws/endpoint";
    /** The whole call, connect to last byte: a call without one has been seen to hang for days. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Codes that mean "try again later": 1 busy, 1000040343 internal error. */
    static final int BUSY = 1;
    static final int INTERNAL_ERROR = 1_000_040_343;

    private static final Logger log = LoggerFactory.getLogger(EndpointCall.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_MSG = 200;

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String appId;
    private final String appSecret;
    private final ObjectMapper mapper;

    /**
     * @param http any client; this call runs on a copy with a {@link #TIMEOUT} call timeout
     * @param base the Open Platform, e.g. {@code https://open.feishu.cn}
     */
    public EndpointCall(OkHttpClient http, HttpUrl base, String appId, String appSecret, ObjectMapper mapper) {
        this.http = http.newBuilder().callTimeout(TIMEOUT).build();
        this.endpoint = base.newBuilder().addPathSegments(PATH.substring(1)).build();
        this.appId = appId;
        this.appSecret = appSecret;
        this.mapper = mapper;
    }

    /** What the endpoint answered. */
    public sealed interface Result {

        /** Calls the method of {@code cases} that names this result. */
        <R> R accept(Cases<R> cases);

        /** One method per kind of result. */
        interface Cases<R> {
            R url(Url url);

            R tryLater(TryLater tryLater);

            R misconfigured(Misconfigured misconfigured);
        }

        /**
         * A URL to connect to, with its scheme as OkHttp writes it ({@code https} for {@code wss}),
         * and the settings that came with it, applied over the current ones.
         */
        record Url(HttpUrl url, ClientConfig config) implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.url(this);
            }

            /** The connection id Feishu gave this URL, for logs: {@code -} without one, {@code ?} if it is not a plain id. */
            public String deviceId() {
                return EndpointCall.deviceId(url);
            }

            /** The {@code service_id} query parameter, which pings carry; 0 when absent or not a number. */
            public int serviceId() {
                String id = url.queryParameter("service_id");
                if (id == null) {
                    return 0;
                }
                try {
                    return Integer.parseInt(id.trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }

            /** Never the query: it holds credentials. */
            @Override
            public String toString() {
                return "Url[" + describe(url) + ", " + config.describe() + "]";
            }
        }

        /** Temporary: busy, internal error, HTTP other than 200, no usable answer, no network. */
        record TryLater(String reason) implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.tryLater(this);
            }
        }

        /** Refused for a reason that waiting will not fix: what the operator must change. */
        record Misconfigured(String whatToFix) implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.misconfigured(this);
            }
        }
    }

    /** Asks for a URL; settings in the answer are applied over {@code current}. */
    public Result fetch(ClientConfig current) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("AppID", appId);
        body.put("AppSecret", appSecret);
        Request request;
        try {
            request = new Request.Builder()
                    .url(endpoint)
                    .header("locale", "zh")
                    .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON))
                    .build();
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the endpoint request", e);
        }
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            log.debug("long connection endpoint {} -> http={} logid={}", endpoint.encodedPath(), response.code(),
                    response.header("X-Tt-Logid"));
            if (response.code() != 200) {
                return new Result.TryLater("the endpoint call answered HTTP " + response.code()
                        + (response.code() == 400 || response.code() == 401 || response.code() == 403
                        ? " (a wrong app id or secret has been seen to answer this way: check them if it persists)"
                        : ""));
            }
            return read(text, current);
        } catch (InterruptedIOException e) {
            return new Result.TryLater("the endpoint call timed out after at most " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Result.TryLater("the endpoint call failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private Result read(String text, ClientConfig current) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            return new Result.TryLater("the endpoint answered something other than JSON");
        }
        if (root == null || !root.isObject() || !root.path("code").isIntegralNumber()) {
            return new Result.TryLater("the endpoint answered JSON without a code");
        }
        long code = root.path("code").asLong();
        String msg = shorten(root.path("msg").asText(""));
        if (code == BUSY || code == INTERNAL_ERROR) {
            return new Result.TryLater("Feishu is busy (code " + code + ": " + msg + ")");
        }
        if (code != 0) {
            return new Result.Misconfigured("Feishu refused the long-connection endpoint call with code " + code
                    + " (" + msg + "): check the app id and app secret, that the app is a self-built (企业自建) app,"
                    + " and that it may receive events over the long connection");
        }
        JsonNode data = root.path("data");
        HttpUrl url = parse(data.path("URL").asText(""));
        if (url == null) {
            return new Result.TryLater("the endpoint answered code 0 without a usable ws(s) URL");
        }
        JsonNode settings = data.path("ClientConfig");
        return new Result.Url(url, settings.isObject() ? current.apply(settings) : current);
    }

    /** A ws(s) URL as OkHttp takes it (http(s) scheme), or null. */
    static @Nullable HttpUrl parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String asHttp;
        if (lower.startsWith("wss://")) {
            asHttp = "https://" + text.substring(6);
        } else if (lower.startsWith("ws://")) {
            asHttp = "http://" + text.substring(5);
        } else {
            return null;
        }
        return HttpUrl.parse(asHttp);
    }

    /**
     * Host, path and {@code device_id} of a connection URL: what may be logged of it. A device id
     * of anything but up to 64 letters, digits, {@code . _ -} is shown as {@code ?}.
     */
    public static String describe(HttpUrl url) {
        return (url.isHttps() ? "wss://" : "ws://") + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme())
                ? "" : ":" + url.port()) + url.encodedPath() + " device_id=" + deviceId(url);
    }

    /** The URL's {@code device_id} if it is a plain id, {@code -} when absent, {@code ?} otherwise. */
    static String deviceId(HttpUrl url) {
        String id = url.queryParameter("device_id");
        if (id == null || id.isEmpty()) {
            return "-";
        }
        return id.length() <= 64 && id.matches("[A-Za-z0-9._-]+") ? id : "?";
    }

    private static String shorten(String msg) {
        String oneLine = msg.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= MAX_MSG ? oneLine : oneLine.substring(0, MAX_MSG) + "...";
    }
}
