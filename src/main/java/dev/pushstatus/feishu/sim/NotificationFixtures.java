package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The notifications the simulator serves: the {@code data} objects of GET answers, by id.
 * Seeded from {@code sim/notifications/index.txt} on the classpath (a list, because a classpath
 * directory cannot be listed inside a jar).
 */
public final class NotificationFixtures {

    /** An id that is in no fixture: the simulator answers 404 / 154004 for it. */
    public static final String MISSING_ID = "6981801914270799999";
    private static final String DIR = "/sim/notifications/";

    private final ObjectMapper mapper;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    public NotificationFixtures(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The seed set shipped with the bot. */
    public static NotificationFixtures seeded(ObjectMapper mapper) {
        NotificationFixtures fixtures = new NotificationFixtures(mapper);
        for (String line : read("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                fixtures.put(read(name));
            }
        }
        return fixtures;
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
