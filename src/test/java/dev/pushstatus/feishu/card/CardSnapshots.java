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
 * <p>Cards are compared as JSON trees, so formatting and key order do not matter. A snapshot
 * check passes only when the rendered card equals its fixture; everything else fails:
 * <ul>
 *   <li>a different card fails with the diff and leaves the new card in
 *       {@code target/card-snapshots/} to review;</li>
 *   <li>a missing fixture is written (to {@code src/test/resources/cards/}) and fails: review
 *       the new file, commit it, run again;</li>
 *   <li>with {@code -Dsnapshots.update=true} a different card is written over its fixture and
 *       still fails ("snapshot X updated; review the diff and run again without the update
 *       flag"), so a changed card is always looked at before a run can pass.</li>
 * </ul>
 *
 * <p>To accept an intended change: {@code mvn -B test -Dtest=CardSnapshotTest -Dsnapshots.update=true}
 * (fails, naming each fixture it rewrote), {@code git diff src/test/resources/cards/}, then
 * {@code mvn -B test -Dtest=CardSnapshotTest} again, which must pass.
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
        assertMatchesSnapshot(FIXTURES, ACTUAL, Boolean.getBoolean(UPDATE_PROPERTY), scenario, cardJson);
    }

    /** The check itself, on given directories and mode (the snapshot handler's own test uses temporary ones). */
    static void assertMatchesSnapshot(Path fixtures, Path actualDir, boolean update, String scenario, String cardJson) {
        JsonNode actual = parse(cardJson, scenario + " (rendered)");
        Path fixture = fixtures.resolve(scenario + ".json");
        if (!Files.exists(fixture)) {
            write(fixture, actual);
            fail("No snapshot for card '" + scenario + "': the rendered card was written to " + fixture
                    + "; review it and run again.");
        }
        JsonNode expected = parse(read(fixture), fixture.toString());
        if (expected.equals(actual)) {
            return;
        }
        if (update) {
            write(fixture, actual);
            fail("snapshot " + fixture + " updated; review the diff and run again without the update flag (-D"
                    + UPDATE_PROPERTY + ")");
        }
        Path written = write(actualDir.resolve(scenario + ".json"), actual);
        assertThat(pretty(actual))
                .as("card '%s' differs from its reviewed snapshot %s; the new card is in %s. If the change is "
                        + "intended, run with -D%s=true (it rewrites the fixture and fails), review the diff and "
                        + "run again without it.", scenario, fixture, written, UPDATE_PROPERTY)
                .isEqualTo(pretty(expected));
    }

    /**
     * A plain-text snapshot ({@code src/test/resources/cards/<name>}) with the same rules as the
     * cards: only equal text passes; the update flag rewrites the file and still fails.
     */
    static void assertMatchesTextSnapshot(String name, String text) {
        assertMatchesTextSnapshot(FIXTURES, ACTUAL, Boolean.getBoolean(UPDATE_PROPERTY), name, text);
    }

    static void assertMatchesTextSnapshot(Path fixtures, Path actualDir, boolean update, String name, String text) {
        Path fixture = fixtures.resolve(name);
        if (!Files.exists(fixture)) {
            writeText(fixture, text);
            fail("No snapshot '" + name + "': the text was written to " + fixture + "; review it and run again.");
        }
        String expected = read(fixture);
        if (expected.equals(text)) {
            return;
        }
        if (update) {
            writeText(fixture, text);
            fail("snapshot " + fixture + " updated; review the diff and run again without the update flag (-D"
                    + UPDATE_PROPERTY + ")");
        }
        Path written = writeText(actualDir.resolve(name), text);
        assertThat(text).as("'%s' differs from its reviewed snapshot %s; the new text is in %s. If the change is "
                + "intended, run with -D%s=true (it rewrites the fixture and fails), review the diff and run again "
                + "without it.", name, fixture, written, UPDATE_PROPERTY).isEqualTo(expected);
    }

    private static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario names that have a fixture file. */
    static List<String> fixtureNames() {
        try (var files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
