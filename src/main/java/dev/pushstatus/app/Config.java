package dev.pushstatus.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bot's configuration, read from environment variables (design.md, section 1).
 *
 * <p>With no {@code FEISHU_APP_ID} the bot runs in sandbox mode: {@link Sandbox} starts a simulated
 * Feishu and reads the configuration again with the simulator's variables on top; otherwise every
 * credential is required. {@link #toString()} never shows a secret.
 */
public record Config(
        boolean sandbox,
        String appId,
        String appSecret,
        String verificationToken,
        String encryptKey,
        String helpdeskId,
        String helpdeskToken,
        URI baseUrl,
        int port,
        Duration cacheTtl,
        ZoneId timezone,
        Map<Integer, String> statusLabels,
        Set<String> allowedChats,
        Set<String> allowedUsers) {

    public static final String DEFAULT_BASE_URL = "https://open.feishu.cn";
    static final Duration MAX_CACHE_TTL = Duration.ofHours(24);

    public Config {
        statusLabels = Map.copyOf(statusLabels);
        allowedChats = Set.copyOf(allowedChats);
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /** Reads and checks the configuration; the exception names the first wrong variable. */
    public static Config fromEnv(Map<String, String> env) throws ConfigException {
        String appId = value(env, "FEISHU_APP_ID");
        boolean sandbox = appId == null;
        String appSecret = value(env, "FEISHU_APP_SECRET");
        String verificationToken = value(env, "FEISHU_VERIFICATION_TOKEN");
        String helpdeskId = value(env, "FEISHU_HELPDESK_ID");
        String helpdeskToken = value(env, "FEISHU_HELPDESK_TOKEN");
        logFormat(valueOr(env, "LOG_FORMAT", "text"));
        logLevel(valueOr(env, "LOG_LEVEL", "INFO"));
        if (!sandbox) {
            require("FEISHU_APP_SECRET", appSecret);
            require("FEISHU_VERIFICATION_TOKEN", verificationToken);
            require("FEISHU_HELPDESK_ID", helpdeskId);
            require("FEISHU_HELPDESK_TOKEN", helpdeskToken);
        }
        return new Config(
                sandbox,
                appId,
                appSecret,
                verificationToken,
                value(env, "FEISHU_ENCRYPT_KEY"),
                helpdeskId,
                helpdeskToken,
                baseUrl(valueOr(env, "FEISHU_BASE_URL", DEFAULT_BASE_URL)),
                port(valueOr(env, "PORT", "8080")),
                cacheTtl(valueOr(env, "BOT_CACHE_TTL", "30s")),
                zone(valueOr(env, "BOT_TIMEZONE", "Asia/Shanghai")),
                statusLabels(valueOr(env, "BOT_STATUS_LABELS", "")),
                list(valueOr(env, "BOT_ALLOWED_CHATS", "")),
                list(valueOr(env, "BOT_ALLOWED_USERS", "")));
    }

    /** This configuration on another port. */
    public Config withPort(int newPort) {
        return new Config(sandbox, appId, appSecret, verificationToken, encryptKey, helpdeskId, helpdeskToken, baseUrl,
                newPort, cacheTtl, timezone, statusLabels, allowedChats, allowedUsers);
    }

    @Override
    public String toString() {
        return "Config[sandbox=" + sandbox + ", appId=" + appId + ", appSecret=" + mask(appSecret)
                + ", verificationToken=" + mask(verificationToken) + ", encryptKey=" + mask(encryptKey)
                + ", helpdeskId=" + helpdeskId + ", helpdeskToken=" + mask(helpdeskToken) + ", baseUrl=" + baseUrl
                + ", port=" + port + ", cacheTtl=" + cacheTtl + ", timezone=" + timezone
                + ", statusLabels=" + statusLabels + ", allowedChats=" + allowedChats.size()
                + ", allowedUsers=" + allowedUsers.size() + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "unset" : "***";
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        return v == null ? fallback : v;
    }

    private static void require(String name, String value) throws ConfigException {
        if (value == null) {
            throw new ConfigException(name, "is required when FEISHU_APP_ID is set (unset FEISHU_APP_ID for sandbox mode)");
        }
    }

    /** Checked here, before the first log line: {@link LoggingSetup} falls back to text on anything else. */
    private static void logFormat(String text) throws ConfigException {
        if (!"text".equals(text) && !"json".equals(text)) {
            throw new ConfigException("LOG_FORMAT", "\"" + text + "\" is not a log format (text or json)");
        }
    }

    /** Checked here, before the first log line: {@link LoggingSetup} falls back to INFO on anything else. */
    private static void logLevel(String text) throws ConfigException {
        if (!LoggingSetup.LEVELS.containsKey(text.trim().toUpperCase(java.util.Locale.ROOT))) {
            throw new ConfigException("LOG_LEVEL", "\"" + text + "\" is not a log level (TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
    }

    private static URI baseUrl(String text) throws ConfigException {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("FEISHU_BASE_URL", "\"" + text + "\" is not an http(s) URL, e.g. " + DEFAULT_BASE_URL);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("FEISHU_BASE_URL", "\"" + text + "\" is not a URL, e.g. " + DEFAULT_BASE_URL);
        }
    }

    private static int port(String text) throws ConfigException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the same message as an out-of-range number
        }
        throw new ConfigException("PORT", "\"" + text + "\" is not a port number (0 to 65535; 0 picks a free port)");
    }

    private static Duration cacheTtl(String text) throws ConfigException {
        Duration ttl = Durations.parse(text).orElseThrow(() -> new ConfigException("BOT_CACHE_TTL",
                "\"" + text + "\" is not a duration (use PT10M, 30s, 10m or 1h)"));
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new ConfigException("BOT_CACHE_TTL", "\"" + text + "\" must be more than 0 and at most 24h");
        }
        return ttl;
    }

    private static ZoneId zone(String text) throws ConfigException {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ConfigException("BOT_TIMEZONE", "\"" + text + "\" is not a time zone (e.g. Asia/Shanghai, UTC)");
        }
    }

    private static Map<Integer, String> statusLabels(String text) throws ConfigException {
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            try {
                if (parts.length == 2 && !parts[1].isBlank()) {
                    labels.put(Integer.parseInt(parts[0].strip()), parts[1].strip());
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException("BOT_STATUS_LABELS", "\"" + pair.strip() + "\" is not N=Label (e.g. 0=Draft,2=Sent)");
        }
        return labels;
    }

    private static Set<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
