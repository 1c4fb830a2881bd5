package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The doctor against the simulator, with each failure injected. */
class DoctorIT {

    SimCredentials creds;
    FeishuSimulator sim;
    String output;

    @BeforeEach
    void start() {
        creds = SimCredentials.sandbox(new SecureRandom());
        sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), Clock.systemUTC()), FeishuJson.newMapper(),
                Clock.systemUTC()).start(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** The simulator's environment for a bot on a free port, with these two secrets in place of its own. */
    Config config(String appSecret, String helpdeskToken) throws Exception {
        Map<String, String> env = new HashMap<>(sim.botEnvironment());
        env.put("FEISHU_APP_SECRET", appSecret);
        env.put("FEISHU_HELPDESK_TOKEN", helpdeskToken);
        env.put("PORT", "0");
        return Config.fromEnv(env);
    }

    int doctor(String appSecret, String helpdeskToken, String publicUrl) throws Exception {
        Config config = config(appSecret, helpdeskToken);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Doctor(config, publicUrl, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        output = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void allChecksPassAgainstAHealthyTenantAndARunningBot() throws Exception {
        try (Application bot = Application.start(config(creds.appSecret(), creds.helpdeskToken()))) {
            assertThat(doctor(creds.appSecret(), creds.helpdeskToken(), "http://127.0.0.1:" + bot.port() + "/")).isZero();
        }
        assertThat(output).contains("[ok]   tenant access token obtained", "[ok]   bot info: open_id " + creds.botOpenId(),
                "[ok]   helpdesk authorization accepted", "[ok]   event URL reachable", "all checks passed")
                .doesNotContain("FAIL");
        assertThat(sim.calls("/open-apis/helpdesk/v1/notifications/" + Doctor.PROBE_ID)).hasSize(1);
    }

    @Test
    void aWrongAppSecretFailsTheTokenAndSkipsWhatNeedsIt() throws Exception {
        assertThat(doctor("wrong-secret", creds.helpdeskToken(), null)).isEqualTo(1);
        assertThat(output).contains("[FAIL] tenant access token not obtained", "fix: check FEISHU_APP_ID and FEISHU_APP_SECRET",
                "[skip] bot info", "[skip] helpdesk authorization", "[skip] event URL").doesNotContain("wrong-secret");
    }

    @Test
    void aWrongHelpdeskTokenIs154001WithItsFix() throws Exception {
        assertThat(doctor(creds.appSecret(), "wrong", null)).isEqualTo(1);
        assertThat(output).contains("[FAIL] helpdesk refused the bot: code 154001", "FEISHU_HELPDESK_TOKEN", "same tenant");
    }

    @Test
    void aMissingScopeIs154003WithItsFix() throws Exception {
        sim.inject(Fault.Endpoint.HELPDESK, Fault.error(403, 154003, "Please check you have the correct access"));
        assertThat(doctor(creds.appSecret(), creds.helpdeskToken(), null)).isEqualTo(1);
        assertThat(output).contains("code 154003", "add the helpdesk:all:readonly scope");
    }

    @Test
    void aBotInfoFailureSaysToEnableTheBot() throws Exception {
        sim.inject(Fault.Endpoint.BOT_INFO, Fault.error(400, 99991672, "missing capability"));
        assertThat(doctor(creds.appSecret(), creds.helpdeskToken(), null)).isEqualTo(1);
        assertThat(output).contains("[FAIL] bot info not obtained", "enable the Bot capability");
    }

    @Test
    void anUnreachablePublicUrlFails() throws Exception {
        assertThat(doctor(creds.appSecret(), creds.helpdeskToken(), "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(output).contains("[FAIL] http://127.0.0.1:1/healthz unreachable");
        assertThat(doctor(creds.appSecret(), creds.helpdeskToken(), "not a url")).isEqualTo(1);
        assertThat(output).contains("is not a URL");
    }

    int doctorOverLongConnection() throws Exception {
        Map<String, String> env = new HashMap<>(sim.longConnectionBotEnvironment());
        env.put("PORT", "0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Doctor(Config.fromEnv(env), null, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        output = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void inWebsocketModeTheDoctorChecksTheEndpointAndOneHandshake() throws Exception {
        assertThat(doctorOverLongConnection()).as(output).isZero();
        assertThat(output).contains("[ok]   long connection endpoint answered", "[ok]   long connection handshake accepted")
                .doesNotContain("access_key", "ticket", "event URL");
        sim.longConnection().awaitConnects(1, java.time.Duration.ofSeconds(5));
    }

    @Test
    void inWebsocketModeARefusedHandshakeSaysWhatToFix() throws Exception {
        sim.longConnection().inject(dev.pushstatus.feishu.sim.LongConnectionFault.HANDSHAKE_TOO_MANY);
        assertThat(doctorOverLongConnection()).isEqualTo(1);
        assertThat(output).contains("[FAIL] long connection handshake refused", "1000040350", "50 long connections");

        sim.longConnection().inject(dev.pushstatus.feishu.sim.LongConnectionFault.ENDPOINT_CONFIG_ERROR);
        assertThat(doctorOverLongConnection()).isEqualTo(1);
        assertThat(output).contains("[FAIL] long connection endpoint refused the app");
    }
}
