package dev.pushstatus.feishu.card;

import static dev.pushstatus.feishu.card.SampleNotifications.TEST_CHAT;
import static dev.pushstatus.feishu.card.SampleNotifications.TEST_DEPARTMENT;
import static dev.pushstatus.feishu.card.SampleNotifications.TEST_USER;
import static dev.pushstatus.feishu.card.SampleNotifications.found;

import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.Command;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.bot.WatchView;
import dev.pushstatus.feishu.FeishuJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every card the bot can send, by scenario name; the snapshot fixtures are named after these. */
final class CardScenarios {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** "Now" for every card test: two minutes after the sample notifications were fetched. */
    static final Clock NOW = Clock.fixed(SampleNotifications.FETCHED_AT.plusSeconds(120), ZoneOffset.UTC);
    static final CardRenderer RENDERER = new CardRenderer(FeishuJson.newMapper(), SHANGHAI, Map.of(), NOW);
    static final CardRenderer LABELLED = new CardRenderer(FeishuJson.newMapper(), SHANGHAI, Map.of(0, "Draft"), NOW);

    private CardScenarios() {
    }

    /** Scenario name to rendered card JSON, in a stable order. */
    static Map<String, String> all() {
        Map<String, String> cards = new LinkedHashMap<>();
        cards.put("status-seed", RENDERER.render(new Reply.Status(found(SampleNotifications.seed()))));
        cards.put("status-seed-labelled", LABELLED.render(new Reply.Status(found(SampleNotifications.seed()))));
        cards.put("status-scheduled-chats-only", status(0, 1, null, List.of(TEST_CHAT)));
        cards.put("status-scheduled-selected-users", status(0, 2, null, List.of()));
        cards.put("status-new-staff-all", status(1, 3, 0, List.of()));
        cards.put("status-new-staff-departments", status(1, 3, 1, List.of()));
        cards.put("status-new-staff-chats-only", status(1, 1, 0, List.of(TEST_CHAT)));
        cards.put("status-unknown-types", status(7, 9, null, List.of()));
        cards.put("status-missing-fields", RENDERER.render(new Reply.Status(found(SampleNotifications.missingFields()))));
        cards.put("status-stage-scheduled", RENDERER.render(new Reply.Status(found(
                SampleNotifications.scheduledFor(NOW.instant().plus(Duration.ofHours(3)).plusSeconds(59))))));
        Instant now = NOW.instant();
        cards.put("status-stage-delivered", stage(5_230, 5_230, 3_100, now.minus(Duration.ofDays(2))));
        cards.put("status-stage-sending", stage(5_230, 5_188, 3_100, now.minus(Duration.ofMinutes(20))));
        cards.put("status-stage-overdue", stage(40, 0, 0, now.minus(Duration.ofDays(6))));
        cards.put("status-stage-not-sent", stage(15, 0, 0, null));
        cards.put("status-stage-unknown", stage(15, null, null, null));
        cards.put("status-stale-rate-limited", RENDERER.render(new Reply.Status(found(SampleNotifications.seed())
                .asStale(new LookupResult.RateLimited(Duration.ofSeconds(12))))));
        cards.put("status-stale-unavailable", RENDERER.render(new Reply.Status(found(SampleNotifications.seed())
                .asStale(new LookupResult.Unavailable("E-ABC123", "timeout")))));
        cards.put("status-target-zero", RENDERER.render(new Reply.Status(found(SampleNotifications.counts(0, 0, 0)))));
        cards.put("status-long-lists", RENDERER.render(new Reply.Status(found(SampleNotifications.longLists()))));
        cards.put("status-hostile-names", LABELLED.render(new Reply.Status(found(SampleNotifications.hostile()))));
        cards.put("error-not-found", failed(new LookupResult.NotFound(SampleNotifications.ID)));
        cards.put("error-forbidden-154001", failed(new LookupResult.Forbidden(154001, "Unauthorized")));
        cards.put("error-rate-limited-12s", failed(new LookupResult.RateLimited(Duration.ofSeconds(12))));
        cards.put("error-unavailable", failed(new LookupResult.Unavailable("E-ABC123", "timeout")));
        cards.put("help", RENDERER.render(new Reply.Help(CommandRegistry.standard())));
        LookupResult.Found seed = found(SampleNotifications.seed());
        Instant until = NOW.instant().plus(Duration.ofHours(1));
        cards.put("watch-live", RENDERER.render(new Reply.Watched(SampleNotifications.ID, seed,
                new WatchView.Live(until, seed.fetchedAt(), Duration.ofMinutes(1)))));
        for (WatchView.Ending ending : List.of(WatchView.Ending.EXPIRED, WatchView.Ending.SETTLED)) {
            cards.put("watch-final-" + ending.name().toLowerCase(Locale.ROOT), RENDERER.render(new Reply.Watched(
                    SampleNotifications.ID, seed, new WatchView.Ended(ending, NOW.instant(), null))));
        }
        cards.put("watch-stopped", RENDERER.render(new Reply.Watched(SampleNotifications.ID, seed,
                new WatchView.Ended(WatchView.Ending.STOPPED, NOW.instant(), "ou_stopper"))));
        cards.put("watch-gone", RENDERER.render(new Reply.Watched(SampleNotifications.ID, null,
                new WatchView.Ended(WatchView.Ending.GONE, NOW.instant(), null))));
        for (WatchView.Refusal why : WatchView.Refusal.values()) {
            cards.put("watch-refused-" + why.name().toLowerCase(Locale.ROOT).replace('_', '-'), RENDERER.render(
                    new Reply.Watched(SampleNotifications.ID, seed, new WatchView.Refused(why, 3))));
        }
        for (Command.Problem problem : Command.Problem.values()) {
            var spec = problem == Command.Problem.UNEXPECTED_ARGUMENT ? CommandRegistry.HELP
                    : problem == Command.Problem.NOT_A_DURATION || problem == Command.Problem.DURATION_TOO_LONG
                    ? CommandRegistry.PUSH_WATCH : CommandRegistry.PUSH_STATUS;
            cards.put("usage-" + spec.name() + "-" + problem.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    RENDERER.render(new Reply.Usage(spec, problem)));
        }
        cards.put("not-allowed", RENDERER.render(new Reply.NotAllowed()));
        return cards;
    }

    /** Scenario name to the JSON answer of a card button click. */
    static Map<String, String> callbacks() {
        Map<String, String> cards = new LinkedHashMap<>();
        var refreshed = new ClickAnswer.Refreshed(found(SampleNotifications.counts(1200, 900, 450)));
        cards.put("callback-refreshed", RENDERER.callbackAnswer(refreshed));
        cards.put("callback-refresh-rate-limited", RENDERER.callbackAnswer(new ClickAnswer.RefreshFailed(
                SampleNotifications.ID, new LookupResult.RateLimited(Duration.ofMillis(4_200)))));
        cards.put("callback-refresh-unavailable", RENDERER.callbackAnswer(new ClickAnswer.RefreshFailed(
                SampleNotifications.ID, new LookupResult.Unavailable("E-ABC123", "timeout"))));
        cards.put("callback-not-allowed", RENDERER.callbackAnswer(new ClickAnswer.NotAllowed()));
        cards.put("callback-unknown-button", RENDERER.callbackAnswer(new ClickAnswer.UnknownButton()));
        cards.put("legacy-callback-refreshed", RENDERER.legacyCallbackAnswer(refreshed));
        LookupResult.Found seed = found(SampleNotifications.seed());
        Instant until = NOW.instant().plus(Duration.ofHours(1));
        cards.put("callback-refreshed-live", RENDERER.callbackAnswer(new ClickAnswer.Refreshed(seed,
                new WatchView.Live(until, seed.fetchedAt(), Duration.ofMinutes(1)))));
        cards.put("callback-watch-stopped", RENDERER.callbackAnswer(new ClickAnswer.Watching(SampleNotifications.ID,
                seed, new WatchView.Ended(WatchView.Ending.STOPPED, NOW.instant(), "ou_stopper"))));
        cards.put("callback-watch-again", RENDERER.callbackAnswer(new ClickAnswer.Watching(SampleNotifications.ID,
                seed, new WatchView.Live(until, seed.fetchedAt(), Duration.ofMinutes(1)))));
        cards.put("callback-watch-refused", RENDERER.callbackAnswer(new ClickAnswer.Watching(SampleNotifications.ID,
                seed, new WatchView.Refused(WatchView.Refusal.TOO_MANY, 50))));
        return cards;
    }

    /** Every card, for the tests that check card structure. */
    static Stream<Arguments> arguments() {
        return all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Every card and every callback answer, for the snapshot test. */
    static Stream<Arguments> snapshotArguments() {
        Map<String, String> everything = new LinkedHashMap<>(all());
        everything.putAll(callbacks());
        return everything.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static String status(int pushType, int scope, Integer newStaffScope, List<dev.pushstatus.bot.Notification.Chat> chats) {
        var users = scope == 2 ? List.of(TEST_USER) : List.<dev.pushstatus.bot.Notification.Person>of();
        var departments = scope == 2 ? List.of(TEST_DEPARTMENT) : List.<dev.pushstatus.bot.Notification.Department>of();
        var newStaff = newStaffScope != null && newStaffScope == 1
                ? List.of(TEST_DEPARTMENT) : List.<dev.pushstatus.bot.Notification.Department>of();
        return RENDERER.render(new Reply.Status(found(
                SampleNotifications.withScope(pushType, scope, newStaffScope, users, departments, newStaff, chats))));
    }

    private static String stage(Integer target, Integer sent, Integer read, Instant sendAt) {
        return RENDERER.render(new Reply.Status(found(SampleNotifications.at(target, sent, read, sendAt))));
    }

    private static String failed(LookupResult.Failure failure) {
        return RENDERER.render(new Reply.LookupFailed(SampleNotifications.ID, failure));
    }
}
