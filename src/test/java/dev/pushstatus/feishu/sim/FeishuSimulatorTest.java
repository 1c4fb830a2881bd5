package dev.pushstatus.feishu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.FeishuJson;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeishuSimulatorTest {

    static FeishuSimulator started(SimCredentials creds) {
        return new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper()), FeishuJson.newMapper(),
                Clock.systemUTC()).start(0);
    }

    @Test
    void theBotEnvironmentIsTheBaseUrlAndTheCredentialsInOrderAndNothingElse() {
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        try (FeishuSimulator sim = started(creds)) {
            Map<String, String> env = sim.botEnvironment();

            assertThat(env).containsExactly(
                    Map.entry("FEISHU_BASE_URL", sim.baseUrl()),
                    Map.entry("FEISHU_APP_ID", creds.appId()),
                    Map.entry("FEISHU_APP_SECRET", creds.appSecret()),
                    Map.entry("FEISHU_VERIFICATION_TOKEN", creds.verificationToken()),
                    Map.entry("FEISHU_ENCRYPT_KEY", creds.encryptKey()),
                    Map.entry("FEISHU_HELPDESK_ID", creds.helpdeskId()),
                    Map.entry("FEISHU_HELPDESK_TOKEN", creds.helpdeskToken()));
            assertThat(env.get("FEISHU_BASE_URL")).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThatThrownBy(() -> env.put("PORT", "0")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void inPlainModeTheBotEnvironmentHasNoEncryptKey() {
        try (FeishuSimulator sim = started(SimCredentials.sandbox(new SecureRandom()).withoutEncryption())) {
            assertThat(sim.botEnvironment()).doesNotContainKey("FEISHU_ENCRYPT_KEY").hasSize(6);
        }
    }
}
