package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

    static Map<String, String> live() {
        Map<String, String> env = new HashMap<>();
        env.put("FEISHU_APP_ID", "cli_a");
        env.put("FEISHU_APP_SECRET", "SECRET-app");
        env.put("FEISHU_VERIFICATION_TOKEN", "SECRET-vt");
        env.put("FEISHU_ENCRYPT_KEY", "SECRET-ek");
        env.put("FEISHU_HELPDESK_ID", "hd1");
        env.put("FEISHU_HELPDESK_TOKEN", "SECRET-hd");
        return env;
    }

    static Map<String, String> with(String name, String value) {
        Map<String, String> env = live();
        env.put(name, value);
        return env;
    }

    @Test
    void noAppIdMeansSandboxWithTheDocumentedDefaults() throws Exception {
        Config config = Config.fromEnv(Map.of("FEISHU_APP_ID", "  "));
        assertThat(config.sandbox()).isTrue();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.baseUrl()).hasToString("https://open.feishu.cn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN", "FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN"})
    void eachRequiredVariableIsNamedWhenMissing(String name) {
        Map<String, String> env = live();
        env.remove(name);
        assertThatThrownBy(() -> Config.fromEnv(env)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.variables()).containsExactly(name);
            assertThat(e.getMessage()).startsWith(name + " is not set (required when FEISHU_APP_ID is set")
                    .doesNotContain("SECRET-");
        });
    }

    @Test
    void everyMissingCredentialIsNamedInOneLineNotOnePerRestart() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("FEISHU_APP_ID", "cli_a"))).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.variables()).containsExactly("FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN", "FEISHU_HELPDESK_ID",
                    "FEISHU_HELPDESK_TOKEN");
            assertThat(e.getMessage()).isEqualTo("FEISHU_APP_SECRET is not set; FEISHU_VERIFICATION_TOKEN is not set; "
                    + "FEISHU_HELPDESK_ID is not set; FEISHU_HELPDESK_TOKEN is not set "
                    + "(required when FEISHU_APP_ID is set; unset FEISHU_APP_ID for sandbox mode)");
        });
    }

    @Test
    void missingCredentialsAndWrongValuesAreAllReportedTogetherWithoutASecret() {
        Map<String, String> env = live();
        env.remove("FEISHU_HELPDESK_TOKEN");
        env.put("FEISHU_HELPDESK_ID", " ");
        env.put("PORT", "http");
        env.put("LOG_FORMAT", "xml");
        env.put("BOT_CACHE_TTL", "forever");
        assertThatThrownBy(() -> Config.fromEnv(env)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.variables()).containsExactly("FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN", "LOG_FORMAT", "PORT",
                    "BOT_CACHE_TTL");
            assertThat(e.getMessage()).doesNotContain("SECRET-").doesNotContain("\n")
                    .contains("FEISHU_HELPDESK_TOKEN is not set (required", "; LOG_FORMAT is \"xml\", not a log format",
                            "; PORT is \"http\", not a port number", "; BOT_CACHE_TTL is \"forever\", not a duration");
        });
    }

    @Test
    void inSandboxModeWrongValuesAreStillAllReportedButNoCredentialIsRequired() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "-1", "BOT_TIMEZONE", "Mars/Base", "LOG_LEVEL", "loud")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.variables()).containsExactly("LOG_LEVEL", "PORT", "BOT_TIMEZONE");
                    assertThat(e.getMessage()).doesNotContain("FEISHU_");
                });
    }

    @ParameterizedTest
    @CsvSource({"PORT,abc", "PORT,70000", "PORT,-1", "BOT_CACHE_TTL,abc", "BOT_CACHE_TTL,0s", "BOT_CACHE_TTL,25h",
        "BOT_CACHE_TTL,-PT1M", "FEISHU_BASE_URL,ftp://x", "FEISHU_BASE_URL,not a url", "BOT_TIMEZONE,Mars/Base",
        "BOT_STATUS_LABELS,x=1", "BOT_STATUS_LABELS,0", "LOG_FORMAT,xml", "LOG_FORMAT,JSON",
        "LOG_LEVEL,verbose", "LOG_LEVEL,3", "REDIS_URL,http://cache:6379", "REDIS_URL,redis://",
        "REDIS_URL,redis://:pw@cache:6379/db1", "REDIS_URL,redis://cache:6379/0?timeout=1", "REDIS_URL,not a url",
        "BOT_CLAIM_LEASE,0s", "BOT_CLAIM_LEASE,11m", "BOT_CLAIM_LEASE,soon", "SANDBOX_REPLICAS,0", "SANDBOX_REPLICAS,5",
        "SANDBOX_REPLICAS,two", "SANDBOX_REPLICAS,2", "BOT_WATCH_INTERVAL,5s", "BOT_WATCH_INTERVAL,2h",
        "BOT_WATCH_INTERVAL,often", "BOT_WATCH_MAX,15d", "BOT_WATCH_MAX,0s", "BOT_WATCH_LIMIT,0", "BOT_WATCH_LIMIT,1001",
        "BOT_WATCH_LIMIT,many", "BOT_WATCH_MAX,30s"})
    void wrongValuesAreRefusedNamingTheVariableAndNoSecret(String name, String value) {
        assertThatThrownBy(() -> Config.fromEnv(with(name, value))).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.variable()).isEqualTo(name);
            assertThat(e.getMessage()).doesNotContain("SECRET");
        });
    }

    @ParameterizedTest
    @CsvSource({"PT10M,600", "30s,30", "10m,600", "1h,3600", "500ms,0"})
    void durationsAreReadInBothForms(String text, long seconds) throws Exception {
        assertThat(Config.fromEnv(with("BOT_CACHE_TTL", text)).cacheTtl().toSeconds()).isEqualTo(seconds);
    }

    @Test
    void labelsListsAndLarkUrlAreRead() throws Exception {
        Map<String, String> env = live();
        env.put("BOT_STATUS_LABELS", "0=Draft, 2=Sent");
        env.put("BOT_ALLOWED_CHATS", " oc_a, ,oc_b ");
        env.put("FEISHU_BASE_URL", "https://open.larksuite.com/");
        Config config = Config.fromEnv(env);
        assertThat(config.statusLabels()).containsEntry(0, "Draft").containsEntry(2, "Sent");
        assertThat(config.allowedChats()).containsExactlyInAnyOrder("oc_a", "oc_b");
        assertThat(config.baseUrl()).hasToString("https://open.larksuite.com");
    }

    @Test
    void aRedisUrlIsReadAndShownWithoutItsUserOrPassword() throws Exception {
        assertThat(Config.fromEnv(live()).redisUrl()).as("unset: state in this process").isNull();
        assertThat(Config.fromEnv(live()).redisWhere()).isEqualTo("unset");
        assertThat(Config.fromEnv(live()).claimLease()).isEqualTo(java.time.Duration.ofSeconds(30));

        Config config = Config.fromEnv(with("REDIS_URL", "rediss://bot:pa55word@cache.internal:6380/2"));

        assertThat(config.redisUrl()).hasScheme("rediss").hasHost("cache.internal").hasPort(6380);
        assertThat(config.redisWhere()).isEqualTo("rediss://cache.internal:6380/2");
        assertThat(config.toString()).contains("redis=rediss://cache.internal:6380/2").doesNotContain("pa55word")
                .doesNotContain("bot:");
        assertThat(Config.fromEnv(with("REDIS_URL", "redis://cache")).redisWhere()).isEqualTo("redis://cache:6379");
    }

    @Test
    void aWrongRedisUrlNeverRepeatsItsPassword() {
        assertThatThrownBy(() -> Config.fromEnv(with("REDIS_URL", "http://u:hunter2@cache:6379")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).doesNotContain("hunter2")
                        .contains("REDIS_URL"));
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        assertThat(Config.fromEnv(live()).toString()).doesNotContain("SECRET").contains("cli_a");
    }

    @Test
    void webhookIsTheDefaultEventModeAndWebsocketNeedsNoVerificationToken() throws Exception {
        assertThat(Config.fromEnv(live()).eventMode()).isEqualTo(EventMode.WEBHOOK);
        Map<String, String> websocket = with("FEISHU_EVENT_MODE", "WebSocket");
        websocket.remove("FEISHU_VERIFICATION_TOKEN");
        websocket.remove("FEISHU_ENCRYPT_KEY");
        assertThat(Config.fromEnv(websocket).eventMode()).isEqualTo(EventMode.WEBSOCKET);

        Map<String, String> webhook = with("FEISHU_EVENT_MODE", "webhook");
        webhook.remove("FEISHU_VERIFICATION_TOKEN");
        assertThatThrownBy(() -> Config.fromEnv(webhook)).hasMessageContaining("FEISHU_VERIFICATION_TOKEN");
    }

    @Test
    void anUnknownEventModeIsNamed() {
        assertThatThrownBy(() -> Config.fromEnv(with("FEISHU_EVENT_MODE", "pigeon")))
                .hasMessageContaining("FEISHU_EVENT_MODE").hasMessageContaining("webhook or websocket");
    }
}
