package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every card keeps card JSON 1.0's rules ({@link CardSchema}), in both languages, updatable later. */
class CardStructureTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pushstatus.feishu.card.CardScenarios#arguments")
    void isAValidBilingualCardJson10(String scenario, String cardJson) {
        assertThat(CardSchema.problems(cardJson)).as(scenario).isEmpty();
        assertThat(cardJson.getBytes(StandardCharsets.UTF_8).length).as("card size").isLessThan(30 * 1024);
    }

    @Test
    void everyCallbackAnswerHasABilingualToastAndRefreshedOrWatchOnesANewCard() {
        CardScenarios.callbacks().forEach((scenario, json) -> {
            JsonNode answer = CardJson.parse(json);
            if (scenario.startsWith("legacy-")) {
                assertIsAValidCard(answer);
                return;
            }
            assertThat(answer.path("toast").path("type").asText()).as(scenario).isIn("success", "warning", "error");
            assertThat(answer.path("toast").path("i18n").path("zh_cn").asText()).as(scenario).containsPattern("\\p{IsHan}");
            assertThat(answer.path("toast").path("i18n").path("en_us").asText()).as(scenario).isNotBlank();
            assertThat(answer.has("card")).as(scenario + " carries a card")
                    .isEqualTo(scenario.startsWith("callback-refreshed") || scenario.startsWith("callback-watch-"));
            if (answer.has("card")) {
                assertThat(answer.path("card").path("type").asText()).isEqualTo("raw");
                assertIsAValidCard(answer.path("card").path("data"));
            }
        });
    }

    static void assertIsAValidCard(JsonNode card) {
        assertThat(CardSchema.problems(card)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pushstatus.feishu.card.CardScenarios#arguments")
    void bothLanguagesSayTheSameThingInTheirOwnWords(String scenario, String cardJson) {
        JsonNode card = CardJson.parse(cardJson);

        assertThat(card.path("i18n_elements").path("zh_cn").size())
                .isEqualTo(card.path("i18n_elements").path("en_us").size());
        assertThat(CardJson.text(card, "zh_cn")).as("the Chinese card is written in Chinese")
                .containsPattern("\\p{IsHan}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pushstatus.feishu.card.CardScenarios#arguments")
    void noMarkdownCanMentionLinkOrColour(String scenario, String cardJson) {
        // Not empty first: an allSatisfy over no markdown at all would pass whatever the card says.
        assertThat(CardJson.markdownContents(CardJson.parse(cardJson))).isNotEmpty()
                .allSatisfy(md -> assertThat(md).doesNotContain("<at", "](", "<font", "<a "));
    }
}
