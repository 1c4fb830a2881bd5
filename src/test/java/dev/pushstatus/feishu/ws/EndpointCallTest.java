package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.ws.EndpointCall.Result;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointCallTest {

    static final String URL = "wss://msg-frontier.feishu.cn/ws/v2?fpid=493&aid=552564&device_id=7412345678901234567"
            + "&access_key=SECRET-KEY&service_id=33554678&ticket=SECRET-TICKET";

    private final ScriptedHttp http = new ScriptedHttp();
    private final EndpointCall call = new EndpointCall(http.client(), HttpUrl.get("https://open.feishu.cn"), "cli_app",
            "app-secret", FeishuJson.newMapper());

    private Result answer(int status, String body) {
        http.then(ScriptedHttp.Answer.json(status, body));
        return call.fetch(ClientConfig.defaults());
    }

    /** What kind of result, and its text, as one string for assertions. */
    private static String show(Result result) {
        return result.accept(new Result.Cases<>() {
            @Override
            public String url(Result.Url url) {
                return "url " + url;
            }

            @Override
            public String tryLater(Result.TryLater tryLater) {
                return "try later: " + tryLater.reason();
            }

            @Override
            public String misconfigured(Result.Misconfigured misconfigured) {
                return "misconfigured: " + misconfigured.whatToFix();
            }
        });
    }

    @Test
    void postsTheAppCredentialsWithLocaleZh() throws Exception {
        answer(200, "{\"code\":0,\"data\":{\"URL\":\"" + URL + "\"}}");

        ScriptedHttp.Seen seen = http.seen.get(0);
        assertThat(seen.request().method()).isEqualTo("POST");
        assertThat(seen.request().url().toString()).isEqualTo("https://open.feishu.cn/callback/ws/endpoint");
        assertThat(seen.request().header("locale")).isEqualTo("zh");
        assertThat(seen.request().body().contentType().toString()).isEqualTo("application/json; charset=utf-8");
        assertThat(seen.body()).isEqualTo("{\"AppID\":\"cli_app\",\"AppSecret\":\"app-secret\"}");
    }

    @Test
    void aBaseWithAPathKeepsIt() {
        EndpointCall under = new EndpointCall(http.client(), HttpUrl.get("http://127.0.0.1:9/feishu/"), "a", "s",
                FeishuJson.newMapper());
        http.then(ScriptedHttp.Answer.json(200, "{\"code\":1}"));

        under.fetch(ClientConfig.defaults());

        assertThat(http.seen.get(0).request().url().toString()).isEqualTo("http://127.0.0.1:9/feishu/callback/ws/endpoint");
    }

    @Test
    void code0GivesTheUrlAndItsSettingsWithoutEverShowingTheQuery() {
        Result result = answer(200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\"" + URL + "\",\"ClientConfig\":"
                + "{\"ReconnectCount\":-1,\"ReconnectInterval\":60,\"ReconnectNonce\":5,\"PingInterval\":90}}}");

        assertThat(result).isInstanceOf(Result.Url.class);
        Result.Url url = (Result.Url) result;
        assertThat(url.url().isHttps()).isTrue();
        assertThat(url.url().host()).isEqualTo("msg-frontier.feishu.cn");
        assertThat(url.url().queryParameter("ticket")).isEqualTo("SECRET-TICKET");
        assertThat(url.serviceId()).isEqualTo(33554678);
        assertThat(url.deviceId()).isEqualTo("7412345678901234567");
        assertThat(url.config()).isEqualTo(new ClientConfig(Duration.ofSeconds(90), -1, Duration.ofSeconds(60),
                Duration.ofSeconds(5)));
        assertThat(show(result)).isEqualTo("url Url[wss://msg-frontier.feishu.cn/ws/v2 device_id=7412345678901234567,"
                + " ping 90 s, reconnect forever every 60 s after 0..5 s]");
        assertThat(show(result)).doesNotContain("SECRET").doesNotContain("access_key");
    }

    @Test
    void settingsAreAppliedOverTheCurrentOnes() {
        ClientConfig current = new ClientConfig(Duration.ofSeconds(30), 5, Duration.ofSeconds(7), Duration.ofSeconds(1));
        http.then(ScriptedHttp.Answer.json(200, "{\"code\":0,\"data\":{\"URL\":\"" + URL
                + "\",\"ClientConfig\":{\"PingInterval\":0,\"ReconnectNonce\":3}}}"));

        Result.Url url = (Result.Url) call.fetch(current);

        assertThat(url.config()).isEqualTo(new ClientConfig(Duration.ofSeconds(30), 5, Duration.ofSeconds(7),
                Duration.ofSeconds(3)));
        http.then(ScriptedHttp.Answer.json(200, "{\"code\":0,\"data\":{\"URL\":\"" + URL + "\"}}"));
        assertThat(((Result.Url) call.fetch(current)).config()).isEqualTo(current);
    }

    @Test
    void aUrlWithoutServiceOrDeviceIdOrWithAStrangeOneStillConnects() {
        Result.Url url = (Result.Url) answer(200, "{\"code\":0,\"data\":{\"URL\":\"ws://127.0.0.1:8080/ws?service_id=x"
                + "&device_id=a%20b\"}}");

        assertThat(url.url().isHttps()).isFalse();
        assertThat(url.serviceId()).isZero();
        assertThat(url.deviceId()).isEqualTo("?");
        assertThat(EndpointCall.describe(url.url())).isEqualTo("ws://127.0.0.1:8080/ws device_id=?");
        assertThat(EndpointCall.describe(HttpUrl.get("https://h/p"))).isEqualTo("wss://h/p device_id=-");
    }

    @Test
    void busyAndInternalErrorAreTemporary() {
        assertThat(show(answer(200, "{\"code\":1,\"msg\":\"system busy\"}")))
                .isEqualTo("try later: Feishu is busy (code 1: system busy)");
        assertThat(show(answer(200, "{\"code\":1000040343,\"msg\":\"internal\"}")))
                .isEqualTo("try later: Feishu is busy (code 1000040343: internal)");
    }

    @Test
    void anyHttpStatusOtherThan200IsTemporary() {
        assertThat(show(answer(503, "{\"code\":0}"))).isEqualTo("try later: the endpoint call answered HTTP 503");
        assertThat(show(answer(400, "{\"code\":1000040344,\"msg\":\"bad secret\"}")))
                .startsWith("try later: the endpoint call answered HTTP 400 (a wrong app id or secret");
        assertThat(show(answer(201, "{\"code\":0}"))).isEqualTo("try later: the endpoint call answered HTTP 201");
    }

    @Test
    void anyOtherNonZeroCodeIsAConfigurationErrorSayingWhatToCheck() {
        assertThat(show(answer(200, "{\"code\":10014,\"msg\":\"app secret invalid\"}")))
                .isEqualTo("misconfigured: Feishu refused the long-connection endpoint call with code 10014"
                        + " (app secret invalid): check the app id and app secret, that the app is a self-built"
                        + " (企业自建) app, and that it may receive events over the long connection");
        assertThat(show(answer(200, "{\"code\":-1}"))).startsWith("misconfigured: ");
    }

    @Test
    void unusableAnswersAreTemporary() {
        assertThat(show(answer(200, "<html>"))).isEqualTo("try later: the endpoint answered something other than JSON");
        assertThat(show(answer(200, "{\"msg\":\"no code\"}"))).isEqualTo("try later: the endpoint answered JSON without a code");
        assertThat(show(answer(200, "[]"))).isEqualTo("try later: the endpoint answered JSON without a code");
        assertThat(show(answer(200, "{\"code\":0,\"data\":{}}")))
                .isEqualTo("try later: the endpoint answered code 0 without a usable ws(s) URL");
        assertThat(show(answer(200, "{\"code\":0,\"data\":{\"URL\":\"https://x/ws\"}}")))
                .isEqualTo("try later: the endpoint answered code 0 without a usable ws(s) URL");
    }

    @Test
    void networkFailuresAndTimeoutsAreTemporary() {
        http.then(ScriptedHttp.Answer.failing(new IOException("connection refused")));
        assertThat(show(call.fetch(ClientConfig.defaults())))
                .isEqualTo("try later: the endpoint call failed: IOException: connection refused");
        http.then(ScriptedHttp.Answer.failing(new InterruptedIOException("timeout")));
        assertThat(show(call.fetch(ClientConfig.defaults())))
                .isEqualTo("try later: the endpoint call timed out after at most 10 s");
    }

    @Test
    void aLongOrMultiLineMessageIsShortenedToOneLine() {
        String msg = "line one\nline two " + "x".repeat(300);

        String shown = show(answer(200, "{\"code\":99,\"msg\":\"" + msg.replace("\n", "\\n") + "\"}"));

        assertThat(shown).contains("(line one line two xxx").contains("...)").doesNotContain("\n");
    }
}
