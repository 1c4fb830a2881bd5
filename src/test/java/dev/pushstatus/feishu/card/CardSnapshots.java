package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Snapshot checks of card JSON against reviewed fixtures in {@code src/test/resources/cards/}.
 *
 * <p>Cards are compared as JSON trees, so formatting and key order do not matter. A missing or
 * different fixture fails the test and leaves the actual card in {@code target/card-snapshots/}
 * to review; {@code -Dsnapshots.update=true} (re)writes the fixtures instead.
 */
final class CardSnapshots {

    static final String UPDATE_PROPERTY = "snapshots.update";
    private static final Path BASE = Path.of(System.getProperty("basedir", ""));
    private static final Path FIXTURES = BASE.resolve("src/test/resources/cards");
    private static final Path ACTUAL = BASE.resolve("target/card-snapshots");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CardSnapshots() {
    }

    static void assertMatchesSnapshot(String scenario, String cardJson) {
        JsonNode actual = parse(cardJson, scenario + " (rendered)");
        Path fixture = FIXTURES.resolve(scenario + ".json");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(fixture, actual);
            return;
        }
        if (!Files.exists(fixture)) {
            Path written = write(ACTUAL.resolve(scenario + ".json"), actual);
            fail("No reviewed snapshot for card '" + scenario + "'. The rendered card is in " + written
                    + ": review it, then copy it to " + fixture
                    + " (or run the tests with -D" + UPDATE_PROPERTY + "=true and review the files it writes).");
        }
        JsonNode expected = parse(read(fixture), fixture.toString());
        if (!expected.equals(actual)) {
            Path written = write(ACTUAL.resolve(scenario + ".json"), actual);
            assertThat(pretty(actual))
                    .as("card '%s' differs from its reviewed snapshot %s; the new card is in %s. If the change is "
                            + "intended, review it and copy it over the fixture (or run with -D%s=true).",
                            scenario, fixture, written, UPDATE_PROPERTY)
                    .isEqualTo(pretty(expected));
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(what + " is not valid JSON", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, JsonNode card) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(card) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented, with object keys sorted, so that fixture diffs are stable and readable. */
    private static String pretty(JsonNode card) {
        try {
            return JSON.writeValueAsString(sorted(card));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }
}
