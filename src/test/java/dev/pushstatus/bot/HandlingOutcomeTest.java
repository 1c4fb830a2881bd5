package dev.pushstatus.bot;

import dev.pushstatus.store.MemoryDedupe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The exact outcome the message handler reports for each path, including the ones where
 * something goes wrong: the command it names, and that a failure always completes the handling
 * and frees the message for Feishu's redelivery.
 */
class HandlingOutcomeTest {

    static final String BOT = "ou_bot";
    static final String TENANT = "t1";
    static final String ERROR_ID = "E-[0-9A-F]{6}";

    final List<Reply> replies = new ArrayList<>();
    Replier replier = (message, reply, uuid) -> {
        replies.add(reply);
        return new Replier.SendResult.Sent("om_reply");
    };
    Optional<String> botId = Optional.of(BOT);
    AccessGate access = AccessGate.open();
    Executor executor = Runnable::run;
    final List<Throwable> escaped = new ArrayList<>();

    MessageHandler handler() {
        NotificationCache cache = new NotificationCache(id -> NotificationCacheTest.found(), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Runnable::run, new FakeTicker());
        return new MessageHandler(CommandRegistry.standard(), access,
                new MemoryDedupe(Duration.ofHours(8), 1_000, new FakeTicker()), cache,
                (message, reply, uuid) -> replier.reply(message, reply, uuid), () -> botId,
                task -> executor.execute(task), Duration.ofSeconds(2), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static IncomingMessage p2p(String id, String text) {
        return new IncomingMessage(id, "oc_p2p", ChatType.P2P, "ou_user", true, TENANT, TENANT, text, Set.of());
    }

    /** Runs the work on the calling thread and keeps whatever escapes it, as a pool's worker would. */
    void catchingWorker() {
        executor = task -> {
            try {
                task.run();
            } catch (Throwable t) {
                escaped.add(t);
            }
        };
    }

    @Test
    void eachReplyNamesTheCommandThatAskedForIt() {
        MessageHandler handler = handler();

        assertThat(handler.submit(p2p("om_1", "/push-status 1")).join()).isEqualTo(new Outcome.Replied("push-status", "om_reply"));
        assertThat(handler.submit(p2p("om_2", "/ps 1")).join()).isEqualTo(new Outcome.Replied("push-status", "om_reply"));
        assertThat(handler.submit(p2p("om_3", "/help")).join()).isEqualTo(new Outcome.Replied("help", "om_reply"));
        assertThat(handler.submit(p2p("om_4", "/ps x")).join()).isEqualTo(new Outcome.Replied("push-status:usage", "om_reply"));
        assertThat(handler.submit(p2p("om_5", "/help me")).join()).isEqualTo(new Outcome.Replied("help:usage", "om_reply"));
        assertThat(handler.submit(p2p("om_6", "hello")).join()).isEqualTo(new Outcome.Replied("none", "om_reply"));
        assertThat(replies).hasSize(6);
    }

    @Test
    void withoutItsOwnIdentityTheBotFailsWithAnErrorIdAndTheReason() {
        botId = Optional.empty();

        Outcome outcome = handler().submit(p2p("om_1", "/help")).join();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.errorId()).matches(ERROR_ID);
            assertThat(failed.reason()).isEqualTo("bot identity not known yet");
        });
    }

    @Test
    void aBugInTheReplyIsAnInternalErrorAndTheRedeliveryIsHandledAfresh() {
        replier = (message, reply, uuid) -> {
            throw new IllegalStateException("bug");
        };
        MessageHandler handler = handler();

        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.errorId()).matches(ERROR_ID);
            assertThat(failed.reason()).isEqualTo("internal error");
        });

        replier = (message, reply, uuid) -> new Replier.SendResult.Sent("om_r");
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isEqualTo(new Outcome.Replied("help", "om_r"));
    }

    @Test
    void anErrorThatEscapesStillCompletesTheHandlingAndFreesTheMessage() {
        catchingWorker();
        replier = (message, reply, uuid) -> {
            throw new LinkageError("a class went missing");
        };
        MessageHandler handler = handler();

        CompletableFuture<Outcome> first = handler.submit(p2p("om_1", "/help"));

        assertThat(escaped).singleElement().isInstanceOf(LinkageError.class);
        assertThat(first).isCompleted();
        assertThat(first.join()).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.errorId()).matches(ERROR_ID);
            assertThat(failed.reason()).isEqualTo("internal error");
        });

        replier = (message, reply, uuid) -> new Replier.SendResult.Sent("om_r");
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isEqualTo(new Outcome.Replied("help", "om_r"));
    }

    @Test
    void aRefusalWhoseCardCannotBeSentIsThatFailure() {
        access = new AccessGate(Set.of("oc_ops"), Set.of());
        Outcome.Failed sendFailed = new Outcome.Failed("E-000001", "http 500");
        replier = (message, reply, uuid) -> sendFailed;

        assertThat(handler().submit(p2p("om_1", "/ps 1")).join()).isEqualTo(sendFailed);
    }

    @Test
    void aRedeliveryWhileTheFirstHandlingRunsGetsDuplicateOnceItIsDone() {
        List<Runnable> queued = new ArrayList<>();
        executor = queued::add;
        MessageHandler handler = handler();

        CompletableFuture<Outcome> first = handler.submit(p2p("om_1", "/help"));
        CompletableFuture<Outcome> second = handler.submit(p2p("om_1", "/help"));
        assertThat(second).isNotDone();
        queued.forEach(Runnable::run);

        assertThat(first.join()).isEqualTo(new Outcome.Replied("help", "om_reply"));
        assertThat(second.join()).isEqualTo(new Outcome.Duplicate());
        assertThat(replies).hasSize(1);
    }

    @Test
    void aRedeliveryWhileAFailingHandlingRunsGetsThatFailure() {
        List<Runnable> queued = new ArrayList<>();
        executor = queued::add;
        Outcome.Failed sendFailed = new Outcome.Failed("E-000002", "http 502");
        replier = (message, reply, uuid) -> sendFailed;
        MessageHandler handler = handler();

        handler.submit(p2p("om_1", "/help"));
        CompletableFuture<Outcome> second = handler.submit(p2p("om_1", "/help"));
        queued.forEach(Runnable::run);

        assertThat(second.join()).isEqualTo(sendFailed);
    }
}
