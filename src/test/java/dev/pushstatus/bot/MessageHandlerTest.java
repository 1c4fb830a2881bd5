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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageHandlerTest {

    static final String BOT = "ou_bot";
    static final String TENANT = "t1";

    final AtomicInteger upstreamCalls = new AtomicInteger();
    LookupResult upstream = NotificationCacheTest.found();
    final List<Reply> replies = new ArrayList<>();
    final List<String> uuids = new ArrayList<>();
    Replier.SendResult sendResult = new Replier.SendResult.Sent("om_reply");
    Optional<String> botId = Optional.of(BOT);
    AccessGate access = AccessGate.open();
    Executor executor = Runnable::run;

    MessageHandler handler() {
        NotificationCache cache = new NotificationCache(id -> {
            upstreamCalls.incrementAndGet();
            return upstream;
        }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, new FakeTicker());
        return new MessageHandler(CommandRegistry.standard(), access,
                new MemoryDedupe(Duration.ofHours(8), 1_000, new FakeTicker()), cache,
                (message, reply, uuid) -> {
                    replies.add(reply);
                    uuids.add(uuid);
                    return sendResult;
                }, () -> botId, task -> executor.execute(task), Duration.ofSeconds(2),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static IncomingMessage p2p(String id, String text) {
        return new IncomingMessage(id, "oc_p2p", ChatType.P2P, "ou_user", true, TENANT, TENANT, text, Set.of());
    }

    static IncomingMessage group(String id, String text, boolean mentioned) {
        return new IncomingMessage(id, "oc_g", ChatType.GROUP, "ou_user", true, TENANT, TENANT, text,
                mentioned ? Set.of(BOT) : Set.of());
    }

    @Test
    void aDirectMessageIsAnsweredOnceWithTheStatusAndADeterministicUuid() {
        MessageHandler handler = handler();
        assertThat(handler.submit(p2p("om_1", "/push-status 1")).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(handler.submit(p2p("om_1", "/push-status 1")).join()).isEqualTo(new Outcome.Duplicate());
        assertThat(replies).singleElement().isInstanceOf(Reply.Status.class);
        assertThat(uuids).containsExactly("ps-om_1");
    }

    @Test
    void groupMessagesNeedAMention() {
        MessageHandler handler = handler();
        assertThat(handler.submit(group("om_1", "/ps 1", false)).join())
                .isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.NOT_MENTIONED));
        assertThat(handler.submit(group("om_2", "/ps 1", true)).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(replies).hasSize(1);
    }

    @Test
    void selfOtherBotsExternalUsersAndNonTextAreIgnored() {
        MessageHandler handler = handler();
        IncomingMessage base = p2p("om_5", "/ps 1");
        assertThat(handler.submit(new IncomingMessage("om_1", "c", ChatType.P2P, BOT, true, TENANT, TENANT, "/ps 1", Set.of())).join())
                .isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.FROM_SELF));
        assertThat(handler.submit(new IncomingMessage("om_2", "c", ChatType.P2P, "ou_x", false, TENANT, TENANT, "/ps 1", Set.of())).join())
                .isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.FROM_OTHER_BOT));
        assertThat(handler.submit(new IncomingMessage("om_3", "c", ChatType.P2P, "ou_x", true, "other", TENANT, "/ps 1", Set.of())).join())
                .isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.EXTERNAL_TENANT));
        assertThat(handler.submit(p2p("om_4", null)).join()).isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.NOT_TEXT));
        assertThat(replies).isEmpty();
        assertThat(upstreamCalls).hasValue(0);

        // The control: the same message from a user of the app's tenant is answered, so each refusal
        // above came from the one field that differs.
        assertThat(handler.submit(base).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(replies).hasSize(1);
    }

    @Test
    void nonCommandsGetHelpAndBadIdsGetUsageWithoutAnyLookup() {
        MessageHandler handler = handler();
        handler.submit(p2p("om_1", "hello")).join();
        handler.submit(group("om_2", "hi", true)).join();
        handler.submit(p2p("om_3", "/push-status abc")).join();
        assertThat(replies).hasSize(3);
        assertThat(replies.get(0)).isInstanceOf(Reply.Help.class);
        assertThat(replies.get(1)).isInstanceOf(Reply.Help.class);
        assertThat(replies.get(2)).isEqualTo(new Reply.Usage(CommandRegistry.PUSH_STATUS, Command.Problem.NOT_AN_ID));
        assertThat(upstreamCalls).hasValue(0);
    }

    @Test
    void lookupFailuresBecomeLookupFailedReplies() {
        upstream = new LookupResult.NotFound("9");
        MessageHandler handler = handler();
        handler.submit(p2p("om_1", "/ps 9")).join();
        assertThat(replies).containsExactly(new Reply.LookupFailed("9", new LookupResult.NotFound("9")));
    }

    @Test
    void aFailedReplyIsNotSettledAndTheRedeliveryTriesAgain() {
        sendResult = new Outcome.Failed("E-1", "http 500");
        MessageHandler handler = handler();
        Outcome first = handler.submit(p2p("om_1", "/help")).join();
        assertThat(first.settled()).isFalse();
        sendResult = new Replier.SendResult.Sent("om_r");
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(replies).hasSize(2);
    }

    @Test
    void withoutItsOwnIdentityTheBotAsksForRedelivery() {
        botId = Optional.empty();
        assertThat(handler().submit(p2p("om_1", "/help")).join().settled()).isFalse();
        assertThat(replies).isEmpty();
    }

    @Test
    void allowlistsRefuseWithACardInDirectMessagesAndSilenceInGroups() {
        access = new AccessGate(Set.of("oc_ops"), Set.of("ou_alice"));
        MessageHandler handler = handler();
        assertThat(handler.submit(p2p("om_1", "/ps 1")).join()).isEqualTo(new Outcome.Refused("not on the allowlist", true));
        assertThat(handler.submit(group("om_2", "/ps 1", true)).join()).isEqualTo(new Outcome.Refused("not on the allowlist", false));
        assertThat(replies).containsExactly(new Reply.NotAllowed());
        assertThat(upstreamCalls).hasValue(0);
    }

    @Test
    void aFullQueueFailsFastAndReleasesTheClaim() {
        executor = task -> {
            throw new RejectedExecutionException("full");
        };
        MessageHandler handler = handler();
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("busy"));
        executor = Runnable::run;
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOf(Outcome.Replied.class);
    }

    @Test
    void aStackOverflowWhileHandlingFailsTheMessageAndReleasesItsClaim() {
        MessageHandler handler = new MessageHandler(CommandRegistry.standard(), access,
                new MemoryDedupe(Duration.ofHours(8), 1_000, new FakeTicker()),
                new NotificationCache(id -> upstream, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run,
                        new FakeTicker()),
                (message, reply, uuid) -> {
                    if (replies.isEmpty()) {
                        replies.add(reply);
                        throw new StackOverflowError("simulated");
                    }
                    replies.add(reply);
                    return sendResult;
                }, () -> botId, Runnable::run, Duration.ofSeconds(2), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo("internal error"));
        assertThat(handler.submit(p2p("om_1", "/help")).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(replies).hasSize(2);
    }

    @Test
    void anyOtherErrorStillCompletesTheClaimBeforeItEscapes() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        executor = queued::add;
        sendResult = null;
        MessageHandler handler = new MessageHandler(CommandRegistry.standard(), access,
                new MemoryDedupe(Duration.ofHours(8), 1_000, new FakeTicker()),
                new NotificationCache(id -> upstream, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run,
                        new FakeTicker()),
                (message, reply, uuid) -> {
                    throw new LinkageError("simulated");
                }, () -> botId, task -> executor.execute(task), Duration.ofSeconds(2),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        var pending = handler.submit(p2p("om_1", "/help"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queued.get(0).run()).isInstanceOf(LinkageError.class);
        assertThat(pending).isCompleted();
        assertThat(pending.join().settled()).isFalse();
        queued.clear();
        handler.submit(p2p("om_1", "/help"));
        assertThat(queued).as("the redelivery is handled afresh, not joined to a dead claim").hasSize(1);
    }

    @Test
    void aMessageWithoutTenantInformationIsNotFromOurTenant() {
        MessageHandler handler = handler();
        assertThat(handler.submit(new IncomingMessage("om_1", "c", ChatType.P2P, "ou_x", true, TENANT, null, "/help",
                Set.of())).join()).isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.EXTERNAL_TENANT));
        assertThat(handler.submit(new IncomingMessage("om_2", "c", ChatType.P2P, "ou_x", true, "", "", "/help",
                Set.of())).join()).isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.EXTERNAL_TENANT));
        assertThat(handler.submit(new IncomingMessage("om_3", "c", ChatType.P2P, "ou_x", true, null, TENANT, "/help",
                Set.of())).join()).isEqualTo(new Outcome.Ignored(Outcome.IgnoreReason.EXTERNAL_TENANT));
        assertThat(replies).isEmpty();
    }

    @Test
    void withAllowlistsSetAMessageWithoutChatOrSenderIdIsStillAnswered() {
        access = new AccessGate(Set.of("oc_ops"), Set.of("ou_alice"));
        MessageHandler handler = handler();
        assertThat(handler.submit(new IncomingMessage("om_1", null, ChatType.P2P, "ou_alice", true, TENANT, TENANT,
                "/help", Set.of())).join()).isInstanceOf(Outcome.Replied.class);
        assertThat(handler.submit(new IncomingMessage("om_2", null, ChatType.P2P, null, true, TENANT, TENANT,
                "/help", Set.of())).join()).isEqualTo(new Outcome.Refused("not on the allowlist", true));
    }
}
