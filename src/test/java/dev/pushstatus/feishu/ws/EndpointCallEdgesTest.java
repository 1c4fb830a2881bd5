package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.ws.EndpointCall.Result;
import java.io.IOException;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint call at its edges: which statuses carry the credentials hint, ids and messages at their limits. */
class EndpointCallEdgesTest {

    private static final String HINT = " (a wrong app id or secret has been seen to answer this way: check them if it persists)";

    private final ScriptedHttp http = new ScriptedHttp();
    private final EndpointCall call = new EndpointCall(http.client(), HttpUrl.get("https://open.feishu.cn"), "cli_app",
            "app-secret", FeishuJson.newMapper());

    private String tryLater(ScriptedHttp.Answer answer) {
        http.then(answer);
        return ((Result.TryLater) call.fetch(ClientConfig.defaults())).reason();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void theStatusesAWrongSecretHasBeenSeenToGiveCarryTheHint(int status) {
        assertThat(tryLater(ScriptedHttp.Answer.json(status, "{}")))
                .isEqualTo("the endpoint call answered HTTP " + status + HINT);
    }

    @ParameterizedTest
    @ValueSource(ints = {402, 404, 429, 500})
    void otherStatusesDoNot(int status) {
        assertThat(tryLater(ScriptedHttp.Answer.json(status, "{}"))).isEqualTo("the endpoint call answered HTTP " + status);
    }

    @Test
    void aNetworkFailureWithoutAMessageIsNamedByItsClassAlone() {
        assertThat(tryLater(ScriptedHttp.Answer.failing(new IOException())))
                .isEqualTo("the endpoint call failed: IOException");
    }

    @Test
    void aMessageOfExactly200CharactersIsKeptWhole() {
        String msg = "m".repeat(200);
        http.then(ScriptedHttp.Answer.json(200, "{\"code\":1,\"msg\":\"" + msg + "\"}"));
        assertThat(((Result.TryLater) call.fetch(ClientConfig.defaults())).reason())
                .isEqualTo("Feishu is busy (code 1: " + msg + ")");

        http.then(ScriptedHttp.Answer.json(200, "{\"code\":1,\"msg\":\"" + msg + "n\"}"));
        assertThat(((Result.TryLater) call.fetch(ClientConfig.defaults())).reason())
                .isEqualTo("Feishu is busy (code 1: " + msg + "...)");
    }

    private static Result.Url url(String query) {
        return new Result.Url(HttpUrl.get("https://msg-frontier.feishu.cn/ws/v2" + query), ClientConfig.defaults());
    }

    @Test
    void withoutAServiceIdPingsCarryZero() {
        assertThat(url("?device_id=d").serviceId()).isZero();
        assertThat(url("?service_id=%2042%20").serviceId()).isEqualTo(42);
    }

    @Test
    void aDeviceIdIsShownUpTo64PlainCharactersAndAnEmptyOneAsAbsent() {
        String id64 = "a".repeat(64);

        assertThat(url("?device_id=" + id64).deviceId()).isEqualTo(id64);
        assertThat(url("?device_id=" + id64 + "b").deviceId()).isEqualTo("?");
        assertThat(url("?device_id=").deviceId()).isEqualTo("-");
        assertThat(url("?device_id").deviceId()).isEqualTo("-");
        assertThat(url("").deviceId()).isEqualTo("-");
        assertThat(url("?device_id=A-z.0_9").deviceId()).isEqualTo("A-z.0_9");
    }
}
