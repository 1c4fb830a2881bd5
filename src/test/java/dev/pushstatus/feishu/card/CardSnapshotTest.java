package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card against its reviewed fixture in {@code src/test/resources/cards/}. To accept an
 * intended change: run with {@code -Dsnapshots.update=true} (it rewrites the changed fixtures and
 * fails), review the diff of the fixtures, then run again without the flag. See {@link CardSnapshots}.
 */
class CardSnapshotTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pushstatus.feishu.card.CardScenarios#snapshotArguments")
    void matchesItsReviewedSnapshot(String scenario, String cardJson) {
        CardSnapshots.assertMatchesSnapshot(scenario, cardJson);
    }

    @Test
    void everyFixtureBelongsToAScenario() {
        List<String> scenarios = new ArrayList<>(CardScenarios.all().keySet());
        scenarios.addAll(CardScenarios.callbacks().keySet());

        assertThat(CardSnapshots.fixtureNames()).as("fixtures no scenario renders (never compared: delete them)")
                .isNotEmpty()
                .isSubsetOf(scenarios);
    }

    // ---- the snapshot handler itself: only an equal card passes --------------------------------

    @TempDir
    Path fixtures;
    @TempDir
    Path actual;

    private static final String CARD = "{\"header\":{\"template\":\"blue\"},\"n\":1}";
    private static final String SAME_CARD_OTHER_FORMAT = "{ \"n\" : 1, \"header\" : { \"template\" : \"blue\" } }";
    private static final String CHANGED_CARD = "{\"header\":{\"template\":\"red\"},\"n\":1}";

    private void check(boolean update, String card) {
        CardSnapshots.assertMatchesSnapshot(fixtures, actual, update, "x", card);
    }

    private String fixture() throws Exception {
        return Files.readString(fixtures.resolve("x.json"), StandardCharsets.UTF_8);
    }

    @Test
    void anEqualCardPassesWhateverItsFormatting() throws Exception {
        Files.writeString(fixtures.resolve("x.json"), CARD);

        assertThatCode(() -> check(false, SAME_CARD_OTHER_FORMAT)).doesNotThrowAnyException();
        assertThatCode(() -> check(true, SAME_CARD_OTHER_FORMAT)).doesNotThrowAnyException();
        assertThat(fixture()).as("an equal card is not rewritten").isEqualTo(CARD);
    }

    @Test
    void aChangedCardFailsAndLeavesTheFixtureAlone() throws Exception {
        Files.writeString(fixtures.resolve("x.json"), CARD);

        assertThatThrownBy(() -> check(false, CHANGED_CARD)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("differs from its reviewed snapshot");
        assertThat(fixture()).isEqualTo(CARD);
        assertThat(Files.readString(actual.resolve("x.json"))).contains("red");
    }

    @Test
    void updateModeWritesTheChangedCardAndStillFailsThenTheNextRunPasses() throws Exception {
        Files.writeString(fixtures.resolve("x.json"), CARD);

        assertThatThrownBy(() -> check(true, CHANGED_CARD)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("snapshot " + fixtures.resolve("x.json") + " updated")
                .hasMessageContaining("review the diff and run again without the update flag");
        assertThat(fixture()).contains("\"red\"");
        assertThatCode(() -> check(false, CHANGED_CARD)).doesNotThrowAnyException();
    }

    @Test
    void aMissingSnapshotIsWrittenAndFailsInEitherMode() throws Exception {
        for (boolean update : new boolean[] {false, true}) {
            Files.deleteIfExists(fixtures.resolve("x.json"));

            assertThatThrownBy(() -> check(update, CARD)).as("update=%s", update).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("No snapshot for card 'x'");
            assertThat(fixture()).as("update=%s", update).contains("\"blue\"");
            assertThatCode(() -> check(false, CARD)).doesNotThrowAnyException();
        }
    }
}
