package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.LABELLED;
import static dev.pushstatus.feishu.card.SampleNotifications.HOSTILE_JOB;
import static dev.pushstatus.feishu.card.SampleNotifications.found;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.FeishuJson;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text from a notification can never mention, link or restyle anything on the card. */
class HostileTextCardTest {

    private final JsonNode card = CardJson.parse(LABELLED.render(new Reply.Status(found(SampleNotifications.hostile()))));

    @Test
    void noMarkdownContentCarriesLiveMarkup() {
        List<String> markdown = CardJson.markdownContents(card);

        assertThat(markdown).isNotEmpty().allSatisfy(md -> assertThat(md)
                .doesNotContain("<at", "](", "<font", "<a ", "[click", "**bold", "_i_", "~s~", "`c`", "a@b"));
    }

    @Test
    void hostileNamesAreStillShownAsText() {
        String en = CardJson.text(card, "en_us");

        assertThat(en).contains("&lt;at id=ou&#95;x&gt;&lt;/at&gt;", "&lt;at id=all&gt;&lt;/at&gt;",
                "&#91;click&#93;&#40;https://evil.example&#41;", "&#42;&#42;bold&#42;&#42;", "&amp;");
    }

    @Test
    void theJobNameOnlyAppearsInThePlainTextTitle() {
        List<String> placesWithJobName = new ArrayList<>();
        collectTagsHolding(card, HOSTILE_JOB, placesWithJobName);

        assertThat(placesWithJobName).isEmpty();
        String title = card.path("header").path("title").path("i18n").path("en_us").asText();
        assertThat(title).as("shown as the same text, tags broken by zero-width spaces")
                .isEqualTo(HOSTILE_JOB.replace("<", "<\u200B"));
        assertThat(card.path("header").path("title").path("tag").asText()).isEqualTo("plain_text");
    }

    @Test
    void noTagOpensAnywhereInTheCard() {
        assertThat(card.toString()).doesNotContainPattern("(?i)<(at|font|a)[\\s>]");
    }

    @Test
    void aHostileStatusLabelIsEscapedToo() {
        var renderer = new CardRenderer(FeishuJson.newMapper(), ZoneId.of("Asia/Shanghai"),
                Map.of(0, "<at id=all></at>[x](https://e.x)"), CardScenarios.NOW);
        JsonNode labelled = CardJson.parse(renderer.render(new Reply.Status(found(SampleNotifications.seed()))));

        assertThat(CardJson.markdownContents(labelled)).isNotEmpty()
                .allSatisfy(md -> assertThat(md).doesNotContain("<at", "]("));
        assertThat(CardJson.text(labelled, "en_us")).contains("&lt;at id=all&gt;");
    }

    @Test
    void hostileIdsInErrorCardsAreEscaped() {
        var notFound = CardJson.parse(LABELLED.render(new Reply.LookupFailed("<at id=all></at>",
                new dev.pushstatus.bot.LookupResult.NotFound("<at id=all></at>"))));

        assertThat(CardJson.markdownContents(notFound)).isNotEmpty()
                .allSatisfy(md -> assertThat(md).doesNotContain("<at"));
        assertThat(CardJson.text(notFound, "en_us")).as("the id is still shown, as text").contains("&lt;at id=all&gt;");
    }

    private static void collectTagsHolding(JsonNode node, String text, List<String> tags) {
        if (node.isObject() && node.path("content").asText("").contains(text)) {
            tags.add(node.path("tag").asText("(no tag)"));
        }
        if (node.isObject() && node.has("i18n")) {
            node.path("i18n").forEach(value -> {
                if (value.asText("").contains(text)) {
                    tags.add(node.path("tag").asText("(no tag)"));
                }
            });
        }
        node.forEach(child -> collectTagsHolding(child, text, tags));
    }
}
