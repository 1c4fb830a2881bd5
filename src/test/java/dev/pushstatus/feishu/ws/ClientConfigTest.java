package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.FeishuJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    private final ObjectMapper mapper = FeishuJson.newMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void defaultsAreTheFactSheets() {
        ClientConfig defaults = ClientConfig.defaults();

        assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.reconnectCount()).isEqualTo(-1);
        assertThat(defaults.reconnectInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.reconnectNonce()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retriesForever()).isTrue();
        assertThat(defaults.describe()).isEqualTo("ping 120 s, reconnect forever every 120 s after 0..30 s");
    }

    @Test
    void appliesEveryPresentValidValue() throws Exception {
        ClientConfig updated = ClientConfig.defaults().apply(json(
                "{\"ReconnectCount\":3,\"ReconnectInterval\":10,\"ReconnectNonce\":5,\"PingInterval\":90}"));

        assertThat(updated).isEqualTo(new ClientConfig(Duration.ofSeconds(90), 3, Duration.ofSeconds(10),
                Duration.ofSeconds(5)));
        assertThat(updated.retriesForever()).isFalse();
        assertThat(updated.describe()).isEqualTo("ping 90 s, reconnect 3 times every 10 s after 0..5 s");
    }

    @Test
    void ignoresAbsentZeroNegativeFractionalAndNonNumericTimes() throws Exception {
        ClientConfig start = new ClientConfig(Duration.ofSeconds(90), 3, Duration.ofSeconds(10), Duration.ofSeconds(5));

        assertThat(start.apply(json("{}"))).isEqualTo(start);
        assertThat(start.apply(json("{\"PingInterval\":0,\"ReconnectInterval\":-5,\"ReconnectNonce\":0}")))
                .isEqualTo(start);
        assertThat(start.apply(json("{\"PingInterval\":1.5,\"ReconnectInterval\":\"60\",\"ReconnectNonce\":null}")))
                .isEqualTo(start);
        assertThat(start.apply(json("{\"PingInterval\":99999999999999999999999}"))).isEqualTo(start);
        assertThat(start.apply(json("[1,2]"))).isEqualTo(start);
        assertThat(start.apply(json("\"PingInterval\""))).isEqualTo(start);
    }

    @Test
    void aNegativeCountMeansForeverAndIsAppliedButZeroIsIgnored() throws Exception {
        ClientConfig three = ClientConfig.defaults().apply(json("{\"ReconnectCount\":3}"));
        assertThat(three.reconnectCount()).isEqualTo(3);

        assertThat(three.apply(json("{\"ReconnectCount\":-1}")).retriesForever()).isTrue();
        assertThat(three.apply(json("{\"ReconnectCount\":-7}")).reconnectCount()).isEqualTo(-1);
        assertThat(three.apply(json("{\"ReconnectCount\":0}")).reconnectCount()).isEqualTo(3);
        assertThat(three.apply(json("{\"ReconnectCount\":\"-1\"}")).reconnectCount()).isEqualTo(3);
        assertThat(three.apply(json("{\"ReconnectCount\":5000000000}")).reconnectCount()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPartialUpdateKeepsTheRest() throws Exception {
        ClientConfig updated = ClientConfig.defaults().apply(json("{\"PingInterval\":30}"));

        assertThat(updated).isEqualTo(new ClientConfig(Duration.ofSeconds(30), -1, Duration.ofSeconds(120),
                Duration.ofSeconds(30)));
    }

    @Test
    void timesBeyondADayAreCapped() throws Exception {
        ClientConfig updated = ClientConfig.defaults().apply(json("{\"PingInterval\":1000000000000}"));

        assertThat(updated.pingInterval()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesImpossibleSettingsWhenBuiltByHand() {
        assertThatThrownBy(() -> new ClientConfig(Duration.ZERO, -1, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientConfig(Duration.ofSeconds(1), -1, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientConfig(Duration.ofSeconds(1), -1, Duration.ofSeconds(1), Duration.ZERO).reconnectNonce())
                .isZero();
    }
}
