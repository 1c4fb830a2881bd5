package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /push-watch <id> [duration]} and its alias, the durations people type, and the watch buttons' values. */
class WatchCommandTest {

    final CommandParser parser = new CommandParser(CommandRegistry.standard(), Duration.ofHours(24));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/push-watch 6981801914270744596|PT1H", "/pw 6981801914270744596|PT1H", "/PW 6981801914270744596 30m|PT30M",
        "/push-watch 6981801914270744596 2h|PT2H", "/pw \"6981801914270744596\" 90min|PT1H30M",
        "@Bot /pw 6981801914270744596 45s|PT45S", "／pw 6981801914270744596 1d|PT24H", "/pw 6981801914270744596 2H|PT2H"})
    void anIdAndAnOptionalDurationStartAWatch(String text, Duration duration) {
        assertThat(parser.parse(text)).isEqualTo(new Command.PushWatch("6981801914270744596", duration));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/push-watch|MISSING_ARGUMENT", "/pw abc|NOT_AN_ID", "/pw 1 2h extra|TOO_MANY_ARGUMENTS",
        "/pw 1 soon|NOT_A_DURATION", "/pw 1 0m|NOT_A_DURATION", "/pw 1 -5m|NOT_A_DURATION", "/pw 1 1.5h|NOT_A_DURATION",
        "/pw 1 25h|DURATION_TOO_LONG", "/pw 1 2d|DURATION_TOO_LONG", "/pw 1 99999m|NOT_A_DURATION",
        "/pw 1 2h30m|NOT_A_DURATION"})
    void anythingElseGetsTheUsageSayingWhy(String text, Command.Problem problem) {
        assertThat(parser.parse(text)).isInstanceOfSatisfying(Command.Usage.class, usage -> {
            assertThat(usage.spec()).isEqualTo(CommandRegistry.PUSH_WATCH);
            assertThat(usage.problem()).isEqualTo(problem);
        });
    }

    @Test
    void theDefaultIsAnHourUnlessTheLongestWatchIsShorter() {
        assertThat(new CommandParser(CommandRegistry.standard(), Duration.ofMinutes(20)).parse("/pw 7"))
                .isEqualTo(new Command.PushWatch("7", Duration.ofMinutes(20)));
    }

    @Test
    void helpListsTheWatchCommandFromTheRegistry() {
        assertThat(CommandRegistry.standard().find("pw")).contains(CommandRegistry.PUSH_WATCH);
        assertThat(CommandRegistry.standard().commands()).contains(CommandRegistry.PUSH_WATCH);
    }

    @Test
    void watchButtonsReadBackOnlyTheirOwnWellFormedValues() {
        assertThat(WatchButton.parse(new WatchButton.Stop("12").value())).contains(new WatchButton.Stop("12"));
        assertThat(WatchButton.parse(new WatchButton.Again("12").value())).contains(new WatchButton.Again("12"));
        assertThat(WatchButton.parse(Map.of("cmd", "watch-stop", "id", "../x", "v", "1"))).isEmpty();
        assertThat(WatchButton.parse(Map.of("cmd", "watch-stop", "id", "12", "v", "0"))).isEmpty();
        assertThat(WatchButton.parse(Map.of("cmd", "watch-forever", "id", "12", "v", "1"))).isEmpty();
        assertThat(WatchButton.parse(new RefreshButton("12").value())).isEmpty();
    }
}
