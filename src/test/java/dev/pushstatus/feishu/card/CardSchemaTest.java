package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.Reply;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The card JSON 1.0 checker finds each kind of broken card; a checker that passes everything checks nothing. */
class CardSchemaTest {

    private static ObjectNode seedCard() {
        return CardScenarios.RENDERER.toCard(new Reply.Status(SampleNotifications.found(SampleNotifications.seed())));
    }

    private static java.util.List<String> problemsAfter(Consumer<ObjectNode> breakIt) {
        ObjectNode card = seedCard();
        breakIt.accept(card);
        return CardSchema.problems(card.toString());
    }

    private static ObjectNode en(ObjectNode card, int index) {
        return (ObjectNode) card.path("i18n_elements").path("en_us").get(index);
    }

    @Test
    void theSeedCardIsValid() {
        assertThat(problemsAfter(card -> { })).isEmpty();
    }

    @Test
    void card20PropertiesAreRefused() {
        assertThat(problemsAfter(card -> card.put("schema", "2.0"))).anySatisfy(p -> assertThat(p).contains("2.0"));
    }

    @Test
    void anUnknownPropertyAnywhereIsRefused() {
        assertThat(problemsAfter(card -> en(card, 0).put("text_size", "heading")))
                .anySatisfy(p -> assertThat(p).contains("unknown property 'text_size'"));
        assertThat(problemsAfter(card -> ((ObjectNode) card.path("header")).put("icon_url", "x")))
                .anySatisfy(p -> assertThat(p).contains("unknown property 'icon_url'"));
    }

    @Test
    void anUnknownTagTemplateOrChartTypeIsRefused() {
        assertThat(problemsAfter(card -> en(card, 0).put("tag", "table"))).anySatisfy(p -> assertThat(p).contains("table"));
        assertThat(problemsAfter(card -> ((ObjectNode) card.path("header")).put("template", "pink")))
                .anySatisfy(p -> assertThat(p).contains("template"));
        assertThat(problemsAfter(card -> ((ObjectNode) en(card, 1).path("chart_spec")).put("type", "sankey")))
                .anySatisfy(p -> assertThat(p).contains("chart_spec.type"));
    }

    @Test
    void aCardNotUpdatableOrWithLanguagesOfDifferentLayoutsIsRefused() {
        assertThat(problemsAfter(card -> ((ObjectNode) card.path("config")).put("update_multi", false)))
                .anySatisfy(p -> assertThat(p).contains("update_multi"));
        assertThat(problemsAfter(card -> ((com.fasterxml.jackson.databind.node.ArrayNode) card.path("i18n_elements")
                .path("en_us")).remove(0))).anySatisfy(p -> assertThat(p).contains("differ in layout"));
    }

    @Test
    void aPanelInsideAPanelMoreThanThreeTagsAndAnOversizedCardAreRefused() {
        assertThat(problemsAfter(card -> {
            for (com.fasterxml.jackson.databind.JsonNode e : card.path("i18n_elements").path("en_us")) {
                if (e.path("tag").asText().equals("collapsible_panel")) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) e.path("elements")).add(e.deepCopy());
                }
            }
        })).anySatisfy(p -> assertThat(p).contains("cannot hold another"));
        assertThat(problemsAfter(card -> {
            var tags = (com.fasterxml.jackson.databind.node.ArrayNode) card.path("header").path("text_tag_list");
            for (int i = 0; i < 3; i++) {
                tags.add(tags.get(0).deepCopy());
            }
        })).anySatisfy(p -> assertThat(p).contains("at most 3 tags"));
        assertThat(problemsAfter(card -> en(card, 0).put("content", "x".repeat(31 * 1024))))
                .anySatisfy(p -> assertThat(p).contains("30 KB"));
    }
}
