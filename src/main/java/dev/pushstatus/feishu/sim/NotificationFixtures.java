package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifications the simulator serves: the {@code data} objects of GET answers, by id.
 * Seeded from {@code sim/notifications/index.txt} on the classpath (a list, because a classpath
 * directory cannot be listed inside a jar).
 *
 * <p>A time field of a seed file ({@code created_at}, {@code updated_at}, {@code send_at}) may
 * say {@code "now+3h"} or {@code "now-6d"} (units s, m, h, d) instead of epoch milliseconds: it
 * is set relative to the clock's now when the seed is read, so that "scheduled in 3 h",
 * "sending" and "overdue" stay what they are on any day the sandbox runs.
 */
public final class NotificationFixtures {

    /** An id that is in no fixture: the simulator answers 404 / 154004 for it. */
    public static final String MISSING_ID = "6981801914270799999";
    private static final String DIR = "/sim/notifications/";
    private static final List<String> TIME_FIELDS = List.of("created_at", "updated_at", "send_at");
    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,6})([smhd]))?");

    private final ObjectMapper mapper;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    public NotificationFixtures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The seed set shipped with the bot, its relative times set from the clock's now. */
    public static NotificationFixtures seeded(ObjectMapper mapper, Clock clock) {
        NotificationFixtures fixtures = new NotificationFixtures(mapper);
        Instant now = clock.instant();
        for (String line : read("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                fixtures.put(fixtures.withTimesFrom(read(name), now, name));
            }
        }
        return fixtures;
    }

    /** The data JSON with every relative time ("now-2d") made epoch milliseconds from {@code now}. */
    String withTimesFrom(String dataJson, Instant now, String name) {
        try {
            ObjectNode data = (ObjectNode) mapper.readTree(dataJson);
            JsonNode n = data.path("notification");
            if (n instanceof ObjectNode notification) {
                for (String field : TIME_FIELDS) {
                    JsonNode value = notification.path(field);
                    if (value.isTextual() && value.asText().startsWith("now")) {
                        notification.put(field, String.valueOf(relative(value.asText(), now, name).toEpochMilli()));
                    }
                }
            }
            return mapper.writeValueAsString(data);
        } catch (JacksonException | ClassCastException e) {
            throw new IllegalArgumentException("seed " + name + " is not a notification data object", e);
        }
    }

    /** "now", "now+3h", "now-6d": a seed's mistake here is a bug in the shipped files, so it fails loudly. */
    static Instant relative(String text, Instant now, String name) {
        Matcher m = RELATIVE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("seed " + name + ": '" + text + "' is not now, now+N<s|m|h|d> or now-N<s|m|h|d>");
        }
        if (m.group(1) == null) {
            return now;
        }
        long amount = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
        ChronoUnit unit = switch (m.group(3)) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        return now.plus(amount, unit);
    }

    /** Adds or replaces a notification from the JSON of a GET answer's data object. */
    public synchronized String put(String dataJson) {
        try {
            ObjectNode data = (ObjectNode) mapper.readTree(dataJson);
            String id = data.path("notification").path("id").asText();
            byId.put(id, data);
            return id;
        } catch (JacksonException | ClassCastException e) {
            throw new IllegalArgumentException("not a notification data object", e);
        }
    }

    /** Changes a notification in place, e.g. its counts. */
    public synchronized void update(String id, UnaryOperator<ObjectNode> change) {
        byId.computeIfPresent(id, (k, data) -> change.apply(data));
    }

    public synchronized void remove(String id) {
        byId.remove(id);
    }

    public synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The data object for an id, as a copy. */
    public synchronized Optional<ObjectNode> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(ObjectNode::deepCopy);
    }

    private static String read(String name) {
        try (InputStream in = NotificationFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
