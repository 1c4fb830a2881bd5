package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Command;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import org.junit.jupiter.api.Test;

/**
 * The frame of the non-status cards: the help card is only its text; every other card ends with
 * a pointer to /help; only an error card has a subtitle (the id it is about).
 */
class MessageCardLayoutTest {

    private static JsonNode render(Reply reply) {
        return CardJson.parse(RENDERER.render(reply));
    }

    @Test
    void theHelpCardHasNoSubtitleAndNoPointerToItself() {
        JsonNode card = render(new Reply.Help(CommandRegistry.standard()));

        assertThat(card.path("header").has("subtitle")).isFalse();
        assertThat(card.path("header").path("title").path("content").asText()).isEqualTo("Push status bot");
        assertThat(card.path("header").path("title").path("i18n").path("zh_cn").asText()).isEqualTo("推送状态机器人");
        for (String lang : new String[] {"en_us", "zh_cn"}) {
            assertThat(card.path("i18n_elements").path(lang)).as(lang).hasSize(1);
            assertThat(card.path("i18n_elements").path(lang).get(0).path("tag").asText()).isEqualTo("div");
        }
    }

    @Test
    void usageAndRefusalEndWithAPointerToHelpAndHaveNoSubtitle() {
        for (Reply reply : new Reply[] {new Reply.Usage(CommandRegistry.PUSH_STATUS, Command.Problem.MISSING_ARGUMENT),
                new Reply.NotAllowed()}) {
            JsonNode card = render(reply);

            assertThat(card.path("header").has("subtitle")).as(reply.toString()).isFalse();
            assertThat(card.path("i18n_elements").path("en_us")).hasSize(2);
            assertThat(card.path("i18n_elements").path("en_us").get(1).path("elements").get(0).path("content").asText())
                    .isEqualTo("Send /help to see every command");
            assertThat(card.path("i18n_elements").path("zh_cn").get(1).path("elements").get(0).path("content").asText())
                    .isEqualTo("发送 /help 查看全部命令");
        }
    }

    @Test
    void anErrorCardNamesTheIdInItsSubtitleInEveryLanguage() {
        JsonNode card = render(new Reply.LookupFailed("123", new LookupResult.NotFound("123")));

        JsonNode subtitle = card.path("header").path("subtitle");
        assertThat(subtitle.path("tag").asText()).isEqualTo("plain_text");
        assertThat(subtitle.path("content").asText()).isEqualTo("ID 123");
        assertThat(subtitle.path("i18n").path("zh_cn").asText()).isEqualTo("ID 123");
        assertThat(subtitle.path("i18n").path("en_us").asText()).isEqualTo("ID 123");
        assertThat(card.path("i18n_elements").path("en_us")).hasSize(2);
    }

    @Test
    void theUsageLineOfACommandWithoutArgumentHasNoTrailingSpace() {
        JsonNode card = render(new Reply.Usage(CommandRegistry.HELP, Command.Problem.UNEXPECTED_ARGUMENT));

        assertThat(card.path("i18n_elements").path("en_us").get(0).path("text").path("content").asText())
                .isEqualTo("This command takes no argument.\n**/help**\nShow this help");
    }
}
