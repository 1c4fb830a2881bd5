package dev.pushstatus.feishu.card;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card against its reviewed fixture in {@code src/test/resources/cards/}. To accept an
 * intended change: run with {@code -Dsnapshots.update=true}, then review the diff of the fixtures.
 */
class CardSnapshotTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pushstatus.feishu.card.CardScenarios#snapshotArguments")
    void matchesItsReviewedSnapshot(String scenario, String cardJson) {
        CardSnapshots.assertMatchesSnapshot(scenario, cardJson);
    }
}
