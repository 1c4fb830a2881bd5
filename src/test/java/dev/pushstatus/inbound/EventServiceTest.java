package dev.pushstatus.inbound;

import dev.pushstatus.store.MemoryDedupe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.AccessGate;
import dev.pushstatus.bot.ClickHandler;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.bot.MessageHandler;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.NotificationCache;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.bot.RefreshAllowance;
import dev.pushstatus.bot.RefreshButton;
import dev.pushstatus.bot.Replier;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.card.CardRenderer;
import dev.pushstatus.feishu.event.EventDecoder;
import dev.pushstatus.feishu.event.Rejection;
import dev.pushstatus.feishu.event.WebhookRequest;
import dev.pushstatus.feishu.event.WebhookSecrets;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the transport-free service, driven as Feishu would drive it: real sealed
 * events, the real decoder, handlers and renderer; a queued executor and a hand-fired deadline
 * stand in for threads and time, so nothing sleeps.
 */
class EventServiceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    static final String ID = "6981801914270744596";
    static final ObjectMapper JSON = FeishuJson.newMapper();

    final SimCredentials creds = SimCredentials.sandbox(new Random(7));
    final EventFactory events = new EventFactory(creds, JSON, CLOCK);
    final EventSealer sealer = new EventSealer(creds, CLOCK);

    final Queue<Runnable> work = new ArrayDeque<>();
    boolean rejectWork;
    final Executor pool = task -> {
        if (rejectWork) {
            throw new RejectedExecutionException("full");
        }
        work.add(task);
    };
    final List<CompletableFuture<Void>> deadlines = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    Replier.SendResult sendResult = new Replier.SendResult.Sent("om_reply");
    int lookups;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final EventService service = service(new MemoryDedupe(Duration.ofHours(8), 1_000, () -> 0L));

    EventService service(MessageDedupe dedupe) {
        NotificationCache cache = new NotificationCache(id -> {
            lookups++;
            return new LookupResult.Found(notification(id), CLOCK.instant());
        }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, () -> 0L);
        MessageHandler messages = new MessageHandler(CommandRegistry.standard(), AccessGate.open(),
                dedupe, cache,
                (message, reply, uuid) -> {
                    replies.add(reply);
                    return sendResult;
                }, () -> Optional.of(creds.botOpenId()), pool, Duration.ofSeconds(2), CLOCK);
        ClickHandler clicks = new ClickHandler(AccessGate.open(), cache, new RefreshAllowance(() -> 0L), pool,
                Duration.ofSeconds(2), CLOCK, () -> 0L);
        return new EventService(
                new EventDecoder(new WebhookSecrets(creds.verificationToken(), creds.encryptKey()), JSON, CLOCK),
                messages, clicks, new CardRenderer(JSON, ZoneId.of("Asia/Shanghai"), Map.of(), CLOCK),
                after -> {
                    CompletableFuture<Void> deadline = new CompletableFuture<>();
                    deadlines.add(deadline);
                    return deadline;
                }, Duration.ofMillis(2_500), metrics);
    }

    static Notification notification(String id) {
        return new Notification(id, "Weekly digest", 1, null, null, null, null, 10, 8, 3, null, 0, 0, null,
                List.of(), List.of(), List.of(), List.of(), null);
    }

    CompletableFuture<EventAnswer> send(Endpoint endpoint, SealedRequest sealed) {
        return service.handle(endpoint, new WebhookRequest(sealed.body(), sealed.headers()));
    }

    SealedRequest message(String messageId, String text) {
        return sealer.seal(events.message(EventFactory.Message.p2p(text).withMessageId(messageId)));
    }

    void runQueuedWork() {
        while (!work.isEmpty()) {
            work.poll().run();
        }
    }

    void passTheBudget() {
        deadlines.forEach(deadline -> deadline.complete(null));
    }

    double count(String type, String outcome) {
        var counter = metrics.find("pushbot_events").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theUrlVerificationHandshakeEchoesTheChallenge() {
        EventAnswer answer = send(Endpoint.EVENT, sealer.seal(events.urlVerification("ch-42"))).join();
        assertThat(answer).isEqualTo(new EventAnswer.Challenge("ch-42"));
    }

    @Test
    void anAnsweredMessageIsDoneAndItsRedeliveryIsDoneWithoutASecondReply() {
        CompletableFuture<EventAnswer> first = send(Endpoint.EVENT, message("om_1", "/push-status " + ID));
        assertThat(first).isNotDone();
        runQueuedWork();
        assertThat(first.join()).isEqualTo(new EventAnswer.Done());

        assertThat(send(Endpoint.EVENT, message("om_1", "/push-status " + ID)).join()).isEqualTo(new EventAnswer.Done());
        assertThat(replies).hasSize(1).first().isInstanceOf(Reply.Status.class);
        assertThat(count("im.message.receive_v1", "replied")).isEqualTo(1);
        assertThat(count("im.message.receive_v1", "duplicate")).isEqualTo(1);
    }

    @Test
    void pastTheBudgetFeishuIsToldToDeliverAgainWhileTheReplyStillGoesOut() {
        CompletableFuture<EventAnswer> first = send(Endpoint.EVENT, message("om_1", "/ps " + ID));
        passTheBudget();
        assertThat(first.join()).isEqualTo(new EventAnswer.DeliverAgain(EventAnswer.Why.STILL_WORKING));
        assertThat(count("im.message.receive_v1", "deferred")).isEqualTo(1);
        assertThat(replies).isEmpty();

        runQueuedWork();
        assertThat(replies).hasSize(1);
        CompletableFuture<EventAnswer> redelivery = send(Endpoint.EVENT, message("om_1", "/ps " + ID));
        assertThat(redelivery.join()).isEqualTo(new EventAnswer.Done());
        assertThat(replies).hasSize(1);
        assertThat(lookups).isEqualTo(1);
    }

    @Test
    void aRedeliveryDuringTheFirstHandlingWaitsForItAndSendsNothingOfItsOwn() {
        CompletableFuture<EventAnswer> first = send(Endpoint.EVENT, message("om_1", "/ps " + ID));
        CompletableFuture<EventAnswer> second = send(Endpoint.EVENT, message("om_1", "/ps " + ID));
        assertThat(work).hasSize(1);
        runQueuedWork();
        assertThat(first.join()).isEqualTo(new EventAnswer.Done());
        assertThat(second.join()).isEqualTo(new EventAnswer.Done());
        assertThat(replies).hasSize(1);
    }

    @Test
    void aMessageAnotherReplicaIsWorkingOnIsStillWorkingHereAndGetsNoReply() {
        MessageDedupe elsewhere = new MessageDedupe() {
            @Override
            public Claim claim(String messageId) {
                return new Claim(false, CompletableFuture.completedFuture(new Outcome.InProgressElsewhere()));
            }

            @Override
            public void finish(String messageId, Claim claim, Outcome outcome) {
                throw new AssertionError("only the claim's owner finishes it");
            }

            @Override
            public long size() {
                return 0;
            }
        };

        SealedRequest sealed = message("om_1", "/help");
        CompletableFuture<EventAnswer> answer = service(elsewhere).handle(Endpoint.EVENT,
                new WebhookRequest(sealed.body(), sealed.headers()));

        assertThat(answer.join()).isEqualTo(new EventAnswer.DeliverAgain(EventAnswer.Why.STILL_WORKING));
        assertThat(work).isEmpty();
        assertThat(replies).isEmpty();
    }

    @Test
    void aFailedReplyAsksForRedeliveryAndTheRedeliveryRepliesAfresh() {
        sendResult = new Outcome.Failed("E-1", "http 500");
        CompletableFuture<EventAnswer> first = send(Endpoint.EVENT, message("om_1", "/help"));
        runQueuedWork();
        assertThat(first.join()).isEqualTo(new EventAnswer.DeliverAgain(EventAnswer.Why.REPLY_FAILED));

        sendResult = new Replier.SendResult.Sent("om_r");
        CompletableFuture<EventAnswer> again = send(Endpoint.EVENT, message("om_1", "/help"));
        runQueuedWork();
        assertThat(again.join()).isEqualTo(new EventAnswer.Done());
        assertThat(replies).hasSize(2);
    }

    @Test
    void aFullWorkQueueAsksForRedeliveryAtOnce() {
        rejectWork = true;
        assertThat(send(Endpoint.EVENT, message("om_1", "/help")).join())
                .isEqualTo(new EventAnswer.DeliverAgain(EventAnswer.Why.REPLY_FAILED));
        rejectWork = false;
        CompletableFuture<EventAnswer> again = send(Endpoint.EVENT, message("om_1", "/help"));
        runQueuedWork();
        assertThat(again.join()).isEqualTo(new EventAnswer.Done());
    }

    @Test
    void anIgnoredMessageIsDoneWithoutWork() {
        SealedRequest fromOtherBot = sealer.seal(events.message(
                EventFactory.Message.p2p("/help").withSender("ou_other_bot", "app", null)));
        assertThat(send(Endpoint.EVENT, fromOtherBot).join()).isEqualTo(new EventAnswer.Done());
        assertThat(work).isEmpty();
        assertThat(count("im.message.receive_v1", "ignored")).isEqualTo(1);
    }

    @Test
    void refusalsSayWhichAndNeverReachTheHandlers() {
        SealedRequest good = message("om_1", "/help");
        byte[] tampered = new String(good.body(), StandardCharsets.UTF_8).replace("\"encrypt\":\"", "\"encrypt\":\"A")
                .getBytes(StandardCharsets.UTF_8);
        EventAnswer unauthorized = service.handle(Endpoint.EVENT, new WebhookRequest(tampered, good.headers())).join();
        EventAnswer malformed = service.handle(Endpoint.EVENT,
                new WebhookRequest("not json".getBytes(StandardCharsets.UTF_8), Map.of())).join();

        assertThat(unauthorized).isInstanceOfSatisfying(EventAnswer.Rejected.class,
                r -> assertThat(r.rejection()).isEqualTo(Rejection.UNAUTHORIZED));
        assertThat(malformed).isInstanceOfSatisfying(EventAnswer.Rejected.class,
                r -> assertThat(r.rejection()).isEqualTo(Rejection.MALFORMED));
        assertThat(work).isEmpty();
        assertThat(count("rejected", "unauthorized")).isEqualTo(1);
        assertThat(count("rejected", "malformed")).isEqualTo(1);
    }

    @Test
    void unknownEventTypesAreDoneAndCountedUnderOneBoundedName() {
        for (int i = 0; i < 5; i++) {
            String json = events.message(EventFactory.Message.p2p("/help"))
                    .replace("im.message.receive_v1", "attacker.type." + i);
            assertThat(send(Endpoint.EVENT, sealer.seal(json)).join()).isEqualTo(new EventAnswer.Done());
        }
        assertThat(count("other", "ignored")).isEqualTo(5);
        assertThat(metrics.find("pushbot_events").counters()).hasSize(1);
    }

    @Test
    void aRefreshClickRunsOnTheWorkPoolAndIsAnsweredWithAToastAndTheNewCard() throws Exception {
        SealedRequest click = sealer.seal(events.cardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value())));
        CompletableFuture<EventAnswer> pending = send(Endpoint.EVENT, click);
        assertThat(pending).isNotDone();
        runQueuedWork();

        JsonNode body = JSON.readTree(((EventAnswer.Callback) pending.join()).json());
        assertThat(body.path("toast").path("type").asText()).isEqualTo("success");
        assertThat(body.path("card").path("type").asText()).isEqualTo("raw");
        assertThat(body.path("card").path("data").toString()).contains(ID);
        assertThat(count("card.action.trigger", "refreshed")).isEqualTo(1);
    }

    @Test
    void theLegacyCallbackGetsTheBareCard() throws Exception {
        CompletableFuture<EventAnswer> message = send(Endpoint.EVENT, message("om_0", "/help"));
        runQueuedWork();
        message.join();
        SealedRequest click = sealer.sealLegacyCard(events.legacyCardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value())));
        CompletableFuture<EventAnswer> pending = send(Endpoint.LEGACY_CARD, click);
        runQueuedWork();

        JsonNode card = JSON.readTree(((EventAnswer.Callback) pending.join()).json());
        assertThat(card.has("toast")).isFalse();
        assertThat(card.toString()).contains(ID);
        assertThat(count("card.action.trigger_v1", "refreshed")).isEqualTo(1);
    }

    @Test
    void aClickPastTheBudgetGetsABusyToastAndNoCard() throws Exception {
        SealedRequest click = sealer.seal(events.cardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value())));
        CompletableFuture<EventAnswer> pending = send(Endpoint.EVENT, click);
        passTheBudget();

        JsonNode body = JSON.readTree(((EventAnswer.Callback) pending.join()).json());
        assertThat(body.path("toast").path("i18n").path("en_us").asText()).contains("busy");
        assertThat(body.has("card")).isFalse();
        assertThat(count("card.action.trigger", "busy")).isEqualTo(1);
    }

    @Test
    void aClickWithAFullQueueGetsABusyToast() throws Exception {
        rejectWork = true;
        SealedRequest click = sealer.seal(events.cardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value())));
        JsonNode body = JSON.readTree(((EventAnswer.Callback) send(Endpoint.EVENT, click).join()).json());
        assertThat(body.path("toast").path("i18n").path("en_us").asText()).contains("busy");
        assertThat(lookups).isZero();
    }

    @Test
    void onceStoppedEveryRequestIsToBeDeliveredAgainAndWorkInFlightStillFinishes() {
        CompletableFuture<EventAnswer> inFlight = send(Endpoint.EVENT, message("om_1", "/help"));
        assertThat(service.inFlight()).isEqualTo(1);
        service.stopAccepting();

        assertThat(service.accepting()).isFalse();
        assertThat(send(Endpoint.EVENT, message("om_2", "/help")).join())
                .isEqualTo(new EventAnswer.DeliverAgain(EventAnswer.Why.SHUTTING_DOWN));
        runQueuedWork();
        assertThat(inFlight.join()).isEqualTo(new EventAnswer.Done());
        assertThat(service.inFlight()).isZero();
        assertThat(replies).hasSize(1);
    }

    @Test
    void everyTimerIsReleasedOnceTheAnswerIsKnown() {
        CompletableFuture<EventAnswer> answer = send(Endpoint.EVENT, message("om_1", "/help"));
        runQueuedWork();
        answer.join();
        assertThat(deadlines).hasSize(1).allMatch(CompletableFuture::isCancelled);
    }

    @Test
    void aNonPositiveBudgetIsRefusedWithItsName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventService(null, null, null, null,
                        after -> new CompletableFuture<>(), Duration.ZERO, metrics))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
    }

    @Test
    void aLegacyClickIsCheckedAgainstTheTenantTheVerifiedEventsNamed() throws Exception {
        SealedRequest beforeAnyEvent = sealer.sealLegacyCard(events.legacyCardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value())));
        CompletableFuture<EventAnswer> refused = send(Endpoint.LEGACY_CARD, beforeAnyEvent);
        runQueuedWork();
        assertThat(((EventAnswer.Callback) refused.join()).json()).isEqualTo("{}");

        CompletableFuture<EventAnswer> message = send(Endpoint.EVENT, message("om_0", "/help"));
        runQueuedWork();
        message.join();
        SealedRequest fromElsewhere = sealer.sealLegacyCard(events.legacyCardAction(
                EventFactory.Click.on("om_card", new RefreshButton(ID).value()).withOperator("ou_guest", "tenant_other")));
        CompletableFuture<EventAnswer> other = send(Endpoint.LEGACY_CARD, fromElsewhere);
        runQueuedWork();
        assertThat(((EventAnswer.Callback) other.join()).json()).isEqualTo("{}");

        assertThat(lookups).isZero();
        assertThat(count("card.action.trigger_v1", "refused")).isEqualTo(2);
    }

    CompletableFuture<EventAnswer> overLongConnection(String json) {
        return service.handle(Endpoint.LONG_CONNECTION, new WebhookRequest(json.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    @Test
    void overTheLongConnectionAPlainEventNeedsNoTokenOrSignatureAndIsAnsweredOnce() {
        String plain = events.message(EventFactory.Message.p2p("/ps " + ID).withMessageId("om_ws"));
        CompletableFuture<EventAnswer> first = overLongConnection(plain);
        runQueuedWork();
        assertThat(first.join()).isEqualTo(new EventAnswer.Done());
        assertThat(overLongConnection(plain).join()).as("pushed again: no second reply").isEqualTo(new EventAnswer.Done());
        assertThat(replies).hasSize(1);
    }

    @Test
    void overTheLongConnectionAClickIsAnsweredWithTheCallbackBody() throws Exception {
        String click = events.cardAction(EventFactory.Click.on("om_card", new RefreshButton(ID).value()));
        CompletableFuture<EventAnswer> pending = overLongConnection(click);
        runQueuedWork();
        JsonNode body = JSON.readTree(((EventAnswer.Callback) pending.join()).json());
        assertThat(body.path("toast").path("type").asText()).isEqualTo("success");
        assertThat(body.path("card").path("data").toString()).contains(ID);
    }

    @Test
    void overTheLongConnectionNonEventsAreRejectedOrIgnored() {
        assertThat(overLongConnection("not json").join()).isInstanceOfSatisfying(EventAnswer.Rejected.class,
                r -> assertThat(r.rejection()).isEqualTo(Rejection.MALFORMED));
        assertThat(overLongConnection(events.urlVerification("c")).join()).isEqualTo(new EventAnswer.Done());
        assertThat(work).isEmpty();
    }

    // ---- what the service counts and times ---------------------------------------------------

    @Test
    void theHandshakeIsCounted() {
        send(Endpoint.EVENT, sealer.seal(events.urlVerification("ch-42"))).join();

        assertThat(count("url_verification", "answered")).isEqualTo(1);
    }

    @Test
    void aMessageIsTimedOnceFromReceiptToOutcomeTaggedWithItsCommand() {
        long before = System.nanoTime();
        CompletableFuture<EventAnswer> answer = send(Endpoint.EVENT, message("om_1", "/ps " + ID));
        runQueuedWork();
        answer.join();
        long elapsed = System.nanoTime() - before;

        var timer = metrics.find("pushbot_message_handling").tag("outcome", "replied").tag("command", "push-status").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isBetween(0.0, (double) elapsed);
        assertThat(count("im.message.receive_v1", "deferred")).isZero();
    }

    @Test
    void aMessageWithoutReplyIsTimedWithoutCommand() {
        SealedRequest fromOtherBot = sealer.seal(events.message(
                EventFactory.Message.p2p("/help").withSender("ou_other_bot", "app", null)));
        send(Endpoint.EVENT, fromOtherBot).join();

        var timer = metrics.find("pushbot_message_handling").tag("outcome", "ignored").tag("command", "-").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void knownEventTypesTheBotIgnoresAreCountedByName() {
        String json = events.message(EventFactory.Message.p2p("/help"))
                .replace("im.message.receive_v1", "im.chat.member.bot.added_v1");

        assertThat(send(Endpoint.EVENT, sealer.seal(json)).join()).isEqualTo(new EventAnswer.Done());
        assertThat(count("im.chat.member.bot.added_v1", "ignored")).isEqualTo(1);
        assertThat(count("other", "ignored")).isZero();
    }

    @Test
    void aNewServiceAcceptsRequests() {
        assertThat(service.accepting()).isTrue();
        assertThat(service.inFlight()).isZero();
    }
}
