package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names commands and click answers go by in logs and metrics tags: dashboards and alerts
 * match these strings, so each is pinned.
 */
class LogNamesTest {

    @Test
    void commandNames() {
        assertThat(new Command.PushStatus("1").logName()).isEqualTo("push-status");
        assertThat(new Command.Help().logName()).isEqualTo("help");
        assertThat(new Command.Usage(CommandRegistry.PUSH_STATUS, Command.Problem.NOT_AN_ID).logName())
                .isEqualTo("push-status:usage");
        assertThat(new Command.Usage(CommandRegistry.HELP, Command.Problem.UNEXPECTED_ARGUMENT).logName())
                .isEqualTo("help:usage");
        assertThat(new Command.NotACommand().logName()).isEqualTo("none");
    }

    @Test
    void clickAnswerLabels() {
        assertThat(new ClickAnswer.Refreshed(NotificationCacheTest.found()).label()).isEqualTo("refreshed");
        assertThat(new ClickAnswer.RefreshFailed("1", new LookupResult.NotFound("1")).label()).isEqualTo("failed");
        assertThat(new ClickAnswer.NotAllowed().label()).isEqualTo("refused");
        assertThat(new ClickAnswer.UnknownButton().label()).isEqualTo("ignored");
        assertThat(new ClickAnswer.Busy().label()).isEqualTo("busy");
    }

    @Test
    void usageLinesHaveTheArgumentOnlyWhenTheCommandTakesOne() {
        assertThat(CommandRegistry.PUSH_STATUS.usage()).isEqualTo("/push-status <id>");
        assertThat(CommandRegistry.HELP.usage()).isEqualTo("/help");
        assertThat(new CommandSpec("x", List.of(), "", "X", "X").usage()).isEqualTo("/x");
    }
}
