package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.SimCredentials;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void theSimulatorsVariablesReplaceEveryFeishuVariableAndKeepTheRest() {
        Map<String, String> user = Map.of("PORT", "9000", "BOT_TIMEZONE", "UTC", "FEISHU_ENCRYPT_KEY", "stale",
                "FEISHU_BASE_URL", "https://open.feishu.cn");
        Map<String, String> simulator = Map.of("FEISHU_BASE_URL", "http://127.0.0.1:1234", "FEISHU_APP_ID", "cli_sim");

        assertThat(Sandbox.onTop(user, simulator)).containsOnly(Map.entry("PORT", "9000"), Map.entry("BOT_TIMEZONE", "UTC"),
                Map.entry("FEISHU_BASE_URL", "http://127.0.0.1:1234"), Map.entry("FEISHU_APP_ID", "cli_sim"));
    }

    @Test
    void theSandboxConfigurationIsTheUsersSettingsPointedAtTheSimulator() {
        try (Sandbox.Simulated simulated = Sandbox.simulate(Map.of("PORT", "0", "BOT_TIMEZONE", "UTC",
                "FEISHU_ENCRYPT_KEY", "stale"))) {
            Config config = simulated.config();
            SimCredentials creds = simulated.simulator().credentials();

            assertThat(config.baseUrl()).hasToString(simulated.simulator().baseUrl());
            assertThat(config.appId()).isEqualTo(creds.appId());
            assertThat(config.appSecret()).isEqualTo(creds.appSecret());
            assertThat(config.verificationToken()).isEqualTo(creds.verificationToken());
            assertThat(config.encryptKey()).isEqualTo(creds.encryptKey());
            assertThat(config.helpdeskId()).isEqualTo(creds.helpdeskId());
            assertThat(config.helpdeskToken()).isEqualTo(creds.helpdeskToken());
            assertThat(config.port()).isZero();
            assertThat(config.timezone()).isEqualTo(ZoneId.of("UTC"));
        }
    }
}
