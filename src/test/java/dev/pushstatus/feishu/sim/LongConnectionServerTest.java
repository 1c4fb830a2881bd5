package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.FeishuJson;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The long connection's logic without sockets: the endpoint's answers, faults, and pushes with nobody connected. */
class LongConnectionServerTest {

    final ObjectMapper mapper = FeishuJson.newMapper();
    final SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
    final LongConnectionServer lc = new LongConnectionServer(creds, mapper,
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), () -> 4321);

    ObjectNode call(String appId, String secret) {
        return lc.endpoint(mapper.createObjectNode().put("AppID", appId).put("AppSecret", secret));
    }

    ObjectNode call() {
        return call(creds.appId(), creds.appSecret());
    }

    @Test
    void theEndpointAnswersAUrlOnThePortAndTheDefaultClientConfig() {
        JsonNode answer = call();
        assertThat(answer.path("code").asInt(-1)).isZero();
        assertThat(answer.path("data").path("URL").asText())
                .startsWith("ws://127.0.0.1:4321/sim/ws?device_id=")
                .contains("&service_id=" + lc.serviceId() + "&access_key=", "&ticket=");
        assertThat(answer.path("data").path("ClientConfig").toString())
                .isEqualTo("{\"ReconnectCount\":-1,\"ReconnectInterval\":120,\"ReconnectNonce\":30,\"PingInterval\":120}");
    }

    @Test
    void theClientConfigIsSettableInSeconds() {
        lc.setClientConfig(LongConnectionServer.ClientConfig.DEFAULT.withPingInterval(1).withReconnect(3, 2, 0));
        assertThat(call().path("data").path("ClientConfig").toString())
                .isEqualTo("{\"ReconnectCount\":3,\"ReconnectInterval\":2,\"ReconnectNonce\":0,\"PingInterval\":1}");
        assertThat(lc.clientConfig()).isEqualTo(new LongConnectionServer.ClientConfig(3, 2, 0, 1));
    }

    @Test
    void wrongCredentialsAreAConfigurationError() {
        assertThat(call(creds.appId(), "nope").toString()).isEqualTo("{\"code\":10014,\"msg\":\"app secret invalid\"}");
        assertThat(call("cli_other", creds.appSecret()).path("code").asInt()).isEqualTo(10014);
        assertThat(lc.endpoint(mapper.createObjectNode()).path("code").asInt()).isEqualTo(10014);
    }

    @Test
    void endpointFaultsQueueInOrderAndLastingOnesWinUntilCleared() {
        lc.inject(LongConnectionFault.ENDPOINT_CONFIG_ERROR);
        lc.inject(LongConnectionFault.ENDPOINT_TEMPORARY);
        assertThat(call().path("code").asInt()).isEqualTo(10014);
        assertThat(call().path("code").asInt()).isEqualTo(1000040343);
        assertThat(call().path("code").asInt()).isZero();

        lc.injectUntilCleared(LongConnectionFault.ENDPOINT_TEMPORARY);
        assertThat(call().path("code").asInt()).isEqualTo(1000040343);
        assertThat(call().path("code").asInt()).isEqualTo(1000040343);
        lc.clearFaults();
        assertThat(call().path("code").asInt()).isZero();
    }

    @Test
    void connectionFaultsWithNothingOpenWaitForTheNextConnection() {
        lc.inject(LongConnectionFault.SILENT);
        lc.injectUntilCleared(LongConnectionFault.DROP);
        JsonNode status = lc.status();
        assertThat(status.path("faults_once").toString()).isEqualTo("[\"silent\"]");
        assertThat(status.path("faults_until_cleared").toString()).isEqualTo("[\"drop\"]");
        lc.reset();
        assertThat(lc.status().path("faults_once")).isEmpty();
        assertThat(lc.status().path("faults_until_cleared")).isEmpty();
    }

    @Test
    void withNobodyConnectedEveryPushIsRecordedAsNoConnection() throws Exception {
        lc.setConnectionWait(Duration.ZERO);
        lc.setMaxPushes(3);
        LongConnectionServer.Delivery delivery = lc.deliver("{}");
        assertThat(delivery.pushes()).hasSize(3).allMatch(p -> p.result() == LongConnectionServer.PushResult.NO_CONNECTION);
        assertThat(delivery.pushes()).extracting(LongConnectionServer.Push::attempt).containsExactly(1, 2, 3);
        assertThat(delivery.handled()).isFalse();
        assertThat(delivery.ack()).isNull();
        assertThat(delivery.answer()).isNull();
        assertThat(lc.pushes()).hasSize(3);
        assertThat(lc.deliverCard("{}").pushes()).as("callbacks are pushed once").hasSize(1);
        assertThat(lc.deliver("{}", "event", 2, 1).chunks()).isEqualTo(2);
        assertThatThrownBy(() -> lc.deliver("{}", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lc.setMaxPushes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultKindsAreTheRouteNames() {
        assertThat(Arrays.stream(LongConnectionFault.values()).map(LongConnectionFault::kind)).containsExactly(
                "endpoint-temporary", "endpoint-config-error", "handshake-too-many", "handshake-forbidden", "drop",
                "close", "silent");
        for (LongConnectionFault fault : LongConnectionFault.values()) {
            assertThat(LongConnectionFault.ofKind(fault.kind())).contains(fault);
        }
        assertThat(LongConnectionFault.ofKind("DROP")).isEmpty();
    }
}
