package dev.pushstatus.app;

import dev.pushstatus.bot.WatchSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The bot's configuration, read from environment variables (the README's "Configuration" lists every one).
 *
 * <p>With no {@code FEISHU_APP_ID} the bot runs in sandbox mode: {@link Sandbox} starts a simulated
 * Feishu and reads the configuration again with the simulator's variables on top; otherwise every
 * credential is required. {@link #toString()} never shows a secret.
 */
public record Config(
        boolean sandbox,
        EventMode eventMode,
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
        Set<String> allowedUsers,
        @Nullable URI redisUrl,
        Duration claimLease,
        WatchSettings watch,
        int sandboxReplicas) {

    public static final String DEFAULT_BASE_URL = "https://open.feishu.cn";
    static final String DEFAULT_PORT = "8080";
    static final String DEFAULT_CACHE_TTL = "30s";
    static final String DEFAULT_TIMEZONE = "Asia/Shanghai";
    static final Duration MAX_CACHE_TTL = Duration.ofHours(24);
    /** With Redis: how long a replica's claim on a message outlives the replica, if it dies mid-work. */
    static final String DEFAULT_CLAIM_LEASE = "30s";
    static final String DEFAULT_WATCH_INTERVAL = "1m";
    static final String DEFAULT_WATCH_MAX = "24h";
    static final String DEFAULT_WATCH_LIMIT = "50";

    public Config {
        statusLabels = Map.copyOf(statusLabels);
        allowedChats = Set.copyOf(allowedChats);
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /**
     * Reads and checks the configuration. Every wrong or missing variable is reported at once, in
     * one exception: fixing them one restart at a time is slow.
     */
    public static Config fromEnv(Map<String, String> env) throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        String appId = value(env, "FEISHU_APP_ID");
        boolean sandbox = appId == null;
        String appSecret = value(env, "FEISHU_APP_SECRET");
        String verificationToken = value(env, "FEISHU_VERIFICATION_TOKEN");
        String helpdeskId = value(env, "FEISHU_HELPDESK_ID");
        String helpdeskToken = value(env, "FEISHU_HELPDESK_TOKEN");
        EventMode eventMode = read(env, "FEISHU_EVENT_MODE", "webhook", EventMode::parse, problems);
        if (!sandbox) {
            require("FEISHU_APP_SECRET", appSecret, problems);
            if (eventMode != EventMode.WEBSOCKET) {
                // The long connection is authenticated with the app's credentials; nothing to verify per event.
                require("FEISHU_VERIFICATION_TOKEN", verificationToken, problems);
            }
            require("FEISHU_HELPDESK_ID", helpdeskId, problems);
            require("FEISHU_HELPDESK_TOKEN", helpdeskToken, problems);
            if (!problems.isEmpty()) {
                // Said once, after the last missing credential.
                ConfigException.Problem last = problems.remove(problems.size() - 1);
                problems.add(new ConfigException.Problem(last.variable(), last.problem()
                        + " (required when FEISHU_APP_ID is set; unset FEISHU_APP_ID for sandbox mode)"));
            }
        }
        read(env, "LOG_FORMAT", "text", Config::logFormat, problems);
        read(env, "LOG_LEVEL", "INFO", Config::logLevel, problems);
        URI baseUrl = read(env, "FEISHU_BASE_URL", DEFAULT_BASE_URL, Config::baseUrl, problems);
        Integer port = read(env, "PORT", DEFAULT_PORT, Config::port, problems);
        Duration cacheTtl = read(env, "BOT_CACHE_TTL", DEFAULT_CACHE_TTL, Config::cacheTtl, problems);
        ZoneId timezone = read(env, "BOT_TIMEZONE", DEFAULT_TIMEZONE, Config::zone, problems);
        Map<Integer, String> statusLabels = read(env, "BOT_STATUS_LABELS", "", Config::statusLabels, problems);
        String redisText = value(env, "REDIS_URL");
        URI redisUrl = redisText == null ? null : read(env, "REDIS_URL", redisText, Config::redisUrl, problems);
        Duration claimLease = read(env, "BOT_CLAIM_LEASE", DEFAULT_CLAIM_LEASE, Config::claimLease, problems);
        Duration watchInterval = read(env, "BOT_WATCH_INTERVAL", DEFAULT_WATCH_INTERVAL, Config::watchInterval, problems);
        Duration watchMax = read(env, "BOT_WATCH_MAX", DEFAULT_WATCH_MAX, Config::watchMax, problems);
        Integer watchLimit = read(env, "BOT_WATCH_LIMIT", DEFAULT_WATCH_LIMIT, Config::watchLimit, problems);
        Integer sandboxReplicas = read(env, "SANDBOX_REPLICAS", "1", Config::sandboxReplicas, problems);
        if (sandboxReplicas != null && sandboxReplicas > 1 && redisText == null) {
            problems.add(new ConfigException.Problem("SANDBOX_REPLICAS", "is " + sandboxReplicas
                    + ", but replicas share their state through Redis: set REDIS_URL too (scripts/ensure-redis installs one)"));
        }
        if (watchInterval != null && watchMax != null && watchMax.compareTo(watchInterval) < 0) {
            problems.add(new ConfigException.Problem("BOT_WATCH_MAX", "is shorter than BOT_WATCH_INTERVAL ("
                    + watchInterval.toSeconds() + " s): a watch would never be checked"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(
                sandbox,
                eventMode,
                appId,
                appSecret,
                verificationToken,
                value(env, "FEISHU_ENCRYPT_KEY"),
                helpdeskId,
                helpdeskToken,
                baseUrl,
                port,
                cacheTtl,
                timezone,
                statusLabels,
                list(valueOr(env, "BOT_ALLOWED_CHATS", "")),
                list(valueOr(env, "BOT_ALLOWED_USERS", "")),
                redisUrl,
                claimLease,
                new WatchSettings(watchInterval, watchMax, watchLimit, WatchSettings.DEFAULT_PER_CHAT),
                sandboxReplicas);
    }

    /** This configuration on another port. */
    public Config withPort(int newPort) {
        return new Config(sandbox, eventMode, appId, appSecret, verificationToken, encryptKey, helpdeskId, helpdeskToken, baseUrl,
                newPort, cacheTtl, timezone, statusLabels, allowedChats, allowedUsers, redisUrl, claimLease, watch, sandboxReplicas);
    }

    @Override
    public String toString() {
        return "Config[sandbox=" + sandbox + ", eventMode=" + eventMode + ", appId=" + appId + ", appSecret=" + mask(appSecret)
                + ", verificationToken=" + mask(verificationToken) + ", encryptKey=" + mask(encryptKey)
                + ", helpdeskId=" + helpdeskId + ", helpdeskToken=" + mask(helpdeskToken) + ", baseUrl=" + baseUrl
                + ", port=" + port + ", cacheTtl=" + cacheTtl + ", timezone=" + timezone
                + ", statusLabels=" + statusLabels + ", allowedChats=" + allowedChats.size()
                + ", allowedUsers=" + allowedUsers.size() + ", redis=" + redisWhere() + ", watch=" + watch + "]";
    }

    /** Where the shared state lives, for logs: scheme, host, port and database, never the user or password. */
    public String redisWhere() {
        if (redisUrl == null) {
            return "unset";
        }
        String db = redisUrl.getPath() == null || redisUrl.getPath().length() <= 1 ? "" : redisUrl.getPath();
        return redisUrl.getScheme() + "://" + redisUrl.getHost() + ":" + (redisUrl.getPort() < 0 ? 6379
                : redisUrl.getPort()) + db;
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

    private static void require(String name, String value, List<ConfigException.Problem> problems) {
        if (value == null) {
            problems.add(new ConfigException.Problem(name, "is not set"));
        }
    }

    /** A value read from its text, or null with the problem recorded. */
    private interface Reader<T> {
        T read(String text) throws ConfigException;
    }

    private static <T> T read(Map<String, String> env, String name, String fallback, Reader<T> reader,
                              List<ConfigException.Problem> problems) {
        try {
            return reader.read(valueOr(env, name, fallback));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** Checked here, before the first log line: {@link LoggingSetup} falls back to text on anything else. */
    private static String logFormat(String text) throws ConfigException {
        if (!"text".equals(text) && !"json".equals(text)) {
            throw new ConfigException("LOG_FORMAT", "is \"" + text + "\", not a log format (text or json)");
        }
        return text;
    }

    /** Checked here, before the first log line: {@link LoggingSetup} falls back to INFO on anything else. */
    private static String logLevel(String text) throws ConfigException {
        if (!LoggingSetup.LEVELS.containsKey(text.trim().toUpperCase(java.util.Locale.ROOT))) {
            throw new ConfigException("LOG_LEVEL", "is \"" + text + "\", not a log level (TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
        return text;
    }

    private static URI baseUrl(String text) throws ConfigException {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("FEISHU_BASE_URL", "is \"" + text + "\", not an http(s) URL (e.g. " + DEFAULT_BASE_URL + ")");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("FEISHU_BASE_URL", "is \"" + text + "\", not a URL (e.g. " + DEFAULT_BASE_URL + ")");
        }
    }

    /** {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}; the message never repeats a password. */
    private static URI redisUrl(String text) throws ConfigException {
        String example = "redis://[user:password@]host:port[/db] or rediss://... for TLS";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException("REDIS_URL", "is not a URL (" + example + ")");
        }
        if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))) {
            throw new ConfigException("REDIS_URL", "must start with redis:// or rediss:// (" + example + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException("REDIS_URL", "names no host (" + example + ")");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.substring(1).matches("[0-9]{1,2}")) {
            throw new ConfigException("REDIS_URL", "has \"" + path + "\" where a database number (0-15) may be ("
                    + example + ")");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("REDIS_URL", "has a query or fragment; only " + example + " is understood");
        }
        return uri;
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
        throw new ConfigException("PORT", "is \"" + text + "\", not a port number (0 to 65535; 0 picks a free port)");
    }

    private static Duration cacheTtl(String text) throws ConfigException {
        Duration ttl = Durations.parse(text).orElseThrow(() -> new ConfigException("BOT_CACHE_TTL",
                "is \"" + text + "\", not a duration (use PT10M, 30s, 10m or 1h)"));
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new ConfigException("BOT_CACHE_TTL", "is \"" + text + "\"; it must be more than 0 and at most 24h");
        }
        return ttl;
    }

    /** Past any handling (lookup and reply are bounded by their timeouts) and at most 10 min. */
    private static Duration claimLease(String text) throws ConfigException {
        Duration lease = Durations.parse(text).orElseThrow(() -> new ConfigException("BOT_CLAIM_LEASE",
                "is \"" + text + "\", not a duration (use 30s or PT30S)"));
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("BOT_CLAIM_LEASE", "is \"" + text + "\"; it must be from 1s to 10m");
        }
        return lease;
    }

    /** At least 10 s (Feishu allows 5 updates a second per card, but the helpdesk budget is 100 lookups a minute). */
    private static Duration watchInterval(String text) throws ConfigException {
        Duration d = Durations.parse(text).orElseThrow(() -> new ConfigException("BOT_WATCH_INTERVAL",
                "is \"" + text + "\", not a duration (use 1m, 30s or PT1M)"));
        if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("BOT_WATCH_INTERVAL", "is \"" + text + "\"; it must be from 10s to 1h");
        }
        return d;
    }

    /** At most 14 days: Feishu lets a card be updated for 14 days after it was sent. */
    private static Duration watchMax(String text) throws ConfigException {
        Duration d = Durations.parse(text).orElseThrow(() -> new ConfigException("BOT_WATCH_MAX",
                "is \"" + text + "\", not a duration (use 24h, 90m or PT24H)"));
        if (d.isNegative() || d.isZero() || d.compareTo(WatchSettings.UPDATABLE_FOR) > 0) {
            throw new ConfigException("BOT_WATCH_MAX", "is \"" + text + "\"; it must be more than 0 and at most 14d"
                    + " (Feishu updates a card for 14 days)");
        }
        return d;
    }

    private static int watchLimit(String text) throws ConfigException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 1_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("BOT_WATCH_LIMIT", "is \"" + text + "\", not a number of watches from 1 to 1000");
    }

    /** Sandbox only: how many bots to start against the one simulator (they share state through Redis). */
    private static int sandboxReplicas(String text) throws ConfigException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 4) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("SANDBOX_REPLICAS", "is \"" + text + "\", not a number of bots from 1 to 4");
    }

    private static ZoneId zone(String text) throws ConfigException {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ConfigException("BOT_TIMEZONE", "is \"" + text + "\", not a time zone (e.g. Asia/Shanghai, UTC)");
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
            throw new ConfigException("BOT_STATUS_LABELS", "has \"" + pair.strip() + "\", not N=Label (e.g. 0=Draft,2=Sent)");
        }
        return labels;
    }

    private static Set<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
