package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.CardScenarios.RENDERER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.Command;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.CommandSpec;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Help, usage, refusal and error cards say what happened and what to do next. */
class MessageCardsTest {

    private static JsonNode render(Reply reply) {
        return CardJson.parse(RENDERER.render(reply));
    }

    private static JsonNode failed(LookupResult.Failure failure) {
        return render(new Reply.LookupFailed("6981801914270744596", failure));
    }

    @Test
    void helpListsEveryCommandOfTheRegistry() {
        JsonNode card = render(new Reply.Help(CommandRegistry.standard()));

        assertThat(CardJson.text(card, "en_us")).contains("/push-status &lt;id&gt;", "(or /ps)", "/help",
                CommandRegistry.PUSH_STATUS.summaryEn(), CommandRegistry.HELP.summaryEn());
        assertThat(CardJson.text(card, "zh_cn")).contains("/push-status", "/help", CommandRegistry.PUSH_STATUS.summaryZh());
    }

    @Test
    void helpOfAnotherRegistryListsOnlyItsCommands() {
        var only = new CommandRegistry(List.of(new CommandSpec("status", List.of(), "", "Show it", "显示")));

        assertThat(CardJson.text(render(new Reply.Help(only)), "en_us")).contains("/status", "Show it")
                .doesNotContain("/push-status &lt;id&gt;**", "/help");
    }

    @ParameterizedTest
    @EnumSource(Command.Problem.class)
    void everyUsageProblemExplainsItselfAndShowsTheUsageLine(Command.Problem problem) {
        JsonNode card = render(new Reply.Usage(CommandRegistry.PUSH_STATUS, problem));

        String en = CardJson.text(card, "en_us");
        assertThat(en).contains("**/push-status &lt;id&gt;**");
        assertThat(en.lines().findFirst().orElseThrow()).isNotBlank().doesNotContain("/push-status");
        assertThat(card.path("header").path("template").asText()).isEqualTo("orange");
    }

    @Test
    void theUsageProblemsReadDifferently() {
        long distinct = java.util.Arrays.stream(Command.Problem.values())
                .map(p -> CardJson.text(render(new Reply.Usage(CommandRegistry.PUSH_STATUS, p)), "en_us"))
                .distinct().count();

        assertThat(distinct).isEqualTo(Command.Problem.values().length);
    }

    @Test
    void notFoundSaysToCheckTheId() {
        JsonNode card = failed(new LookupResult.NotFound("6981801914270744596"));

        assertThat(CardJson.text(card, "en_us")).contains("6981801914270744596", "Check the id");
    }

    @Test
    void forbiddenNamesTheCodeAndTheOperatorFix() {
        JsonNode card = failed(new LookupResult.Forbidden(154001, "Unauthorized"));

        assertThat(CardJson.text(card, "en_us")).contains("154001", "not allowed to read this helpdesk", "Operator");
        assertThat(card.path("header").path("template").asText()).isEqualTo("red");
    }

    @Test
    void rateLimitedSaysWhenToTryAgain() {
        assertThat(CardJson.text(failed(new LookupResult.RateLimited(Duration.ofSeconds(12))), "en_us"))
                .contains("try again in 12 s");
        assertThat(CardJson.text(failed(new LookupResult.RateLimited(Duration.ofSeconds(12))), "zh_cn"))
                .contains("12 秒");
    }

    @Test
    void aSubSecondRateLimitStillSaysOneSecondNotZero() {
        assertThat(CardJson.text(failed(new LookupResult.RateLimited(Duration.ofMillis(300))), "en_us"))
                .contains("try again in 1 s");
    }

    @Test
    void aFractionalWaitRoundsUpSoTheAdviceIsNeverTooEarly() {
        assertThat(CardJson.text(failed(new LookupResult.RateLimited(Duration.ofMillis(1_500))), "en_us"))
                .contains("try again in 2 s");
        assertThat(CardJson.text(failed(new LookupResult.RateLimited(Duration.ofMillis(59_001))), "en_us"))
                .contains("try again in 60 s");
    }

    @Test
    void unavailableShowsTheErrorIdInBothLanguages() {
        JsonNode card = failed(new LookupResult.Unavailable("E-ABC123", "timeout"));

        assertThat(CardJson.text(card, "en_us")).contains("E-ABC123", "try again");
        assertThat(CardJson.text(card, "zh_cn")).contains("E-ABC123");
    }

    @Test
    void anUnreadableAnswerSaysSoInsteadOfBlamingTheTime() {
        JsonNode card = failed(new LookupResult.Unavailable("E-ABC124", "unreadable answer", true));

        assertThat(CardJson.text(card, "en_us")).contains("cannot read", "E-ABC124").doesNotContain("in time");
        assertThat(CardJson.text(card, "zh_cn")).contains("无法读取", "E-ABC124");
        assertThat(CardJson.text(failed(new LookupResult.Unavailable("E-1", "timeout")), "en_us")).contains("in time");
    }

    @Test
    void notAllowedPointsToTheOperator() {
        JsonNode card = render(new Reply.NotAllowed());

        assertThat(CardJson.text(card, "en_us")).contains("allowlist", "operator");
        assertThat(card.path("header").path("template").asText()).isEqualTo("grey");
    }
}
