package dev.pushstatus.inbound;

import dev.pushstatus.bot.ButtonClick;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.ClickHandler;
import dev.pushstatus.bot.MessageHandler;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.feishu.card.CardRenderer;
import dev.pushstatus.feishu.event.DecodeResult;
import dev.pushstatus.feishu.event.EventDecoder;
import dev.pushstatus.feishu.event.InboundEvent;
import dev.pushstatus.feishu.event.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One request from Feishu in, one {@link EventAnswer} out, whatever the transport.
 *
 * <p>Feishu's redelivery is the bot's durable queue: an event is {@link EventAnswer.Done} only
 * once its reply is sent or it is deliberately ignored. Past the budget the answer is
 * {@link EventAnswer.DeliverAgain} while the work goes on; the redelivery then joins that work
 * through the dedupe and gets {@code Done} without a second reply. Clicks run on the handlers'
 * bounded executor like messages and are answered with the rendered callback body.
 */
public final class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);
    /** Event types counted by name; any other is counted as "other" so that senders cannot grow the series. */
    private static final Set<String> NAMED_TYPES = Set.of(
            "im.message.receive_v1", "card.action.trigger", "im.message.message_read_v1",
            "im.chat.member.bot.added_v1", "im.chat.member.bot.deleted_v1", "p2p_chat_create",
            "application.bot.menu_v6", "event_callback");

    private final EventDecoder decoder;
    private final MessageHandler messages;
    private final ClickHandler clicks;
    private final CardRenderer renderer;
    private final Deadlines deadlines;
    private final Duration budget;
    private final MeterRegistry metrics;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    /**
     * The app's own tenant, as the first verified v2 event named it (a self-built app belongs to one
     * tenant). The legacy card callback names only the clicker's tenant, so this is what it is
     * checked against; until an event has named it, a legacy click counts as from another tenant.
     */
    private final AtomicReference<String> ownTenant = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Meters by their tags, looked up once: building a meter's id on every event (tags sorted,
     * objects allocated) was a measurable part of answering a redelivery (docs/benchmarks.md).
     * The keys are bounded: named event types and outcome and command labels.
     */
    private final Map<String, Timer> handlingTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> eventCounters = new ConcurrentHashMap<>();

    /**
     * @param budget how long an answer may wait for the work: inside Feishu's 3 s, with room for the network
     */
    public EventService(EventDecoder decoder, MessageHandler messages, ClickHandler clicks, CardRenderer renderer,
                        Deadlines deadlines, Duration budget, MeterRegistry metrics) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        this.decoder = decoder;
        this.messages = messages;
        this.clicks = clicks;
        this.renderer = renderer;
        this.deadlines = deadlines;
        this.budget = budget;
        this.metrics = metrics;
    }

    /** Answers one request; the future completes within the budget (plus decoding) and never fails. */
    public CompletableFuture<EventAnswer> handle(Endpoint endpoint, WebhookRequest request) {
        if (!accepting.get()) {
            return CompletableFuture.completedFuture(new EventAnswer.DeliverAgain(EventAnswer.Why.SHUTTING_DOWN));
        }
        inFlight.incrementAndGet();
        CompletableFuture<EventAnswer> answer;
        try {
            DecodeResult decoded = switch (endpoint) {
                case EVENT -> decoder.decodeEvent(request);
                case LEGACY_CARD -> decoder.decodeLegacyCard(request);
                case LONG_CONNECTION -> decoder.decodeFromLongConnection(request.body());
            };
            answer = decoded.either(event -> event.accept(new Dispatch(endpoint)), rejected -> {
                log.warn("{} request refused: {} ({})", endpoint.name().toLowerCase(Locale.ROOT),
                        rejected.rejection(), rejected.detail());
                count("rejected", rejected.rejection().name().toLowerCase(Locale.ROOT));
                return CompletableFuture.completedFuture(
                        new EventAnswer.Rejected(rejected.rejection(), rejected.detail()));
            });
        } catch (RuntimeException | Error e) {
            inFlight.decrementAndGet();
            throw e;
        }
        answer.whenComplete((done, neverFails) -> inFlight.decrementAndGet());
        return answer;
    }

    /** From now on every request is answered "deliver again" (the successor takes it); work in flight goes on. */
    public void stopAccepting() {
        accepting.set(false);
    }

    /** Whether requests are still taken. */
    public boolean accepting() {
        return accepting.get();
    }

    /** How many requests are being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Routes each kind of event; runs on the caller's thread, the work itself on the handlers' executor. */
    private final class Dispatch implements InboundEvent.Cases<CompletableFuture<EventAnswer>> {

        private final Endpoint endpoint;

        Dispatch(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public CompletableFuture<EventAnswer> urlVerification(InboundEvent.UrlVerification verification) {
            count("url_verification", "answered");
            return CompletableFuture.completedFuture(new EventAnswer.Challenge(verification.challenge()));
        }

        @Override
        public CompletableFuture<EventAnswer> messageReceived(InboundEvent.MessageReceived received) {
            remember(received.message().appTenant());
            try (MDC.MDCCloseable m = MDC.putCloseable("message_id", received.message().messageId());
                 MDC.MDCCloseable e = MDC.putCloseable("event_id", String.valueOf(received.eventId()))) {
                long started = System.nanoTime();
                CompletableFuture<Outcome> pending = messages.submit(received.message());
                // Timed to completion, even when it finishes in the background after "deliver again".
                pending.thenAccept(outcome -> handlingTimer(outcome).record(System.nanoTime() - started,
                        TimeUnit.NANOSECONDS));
                if (pending.isDone()) {
                    // A redelivery of a message already answered: no deadline to race against.
                    return pending.thenApply(this::answerFor);
                }
                EventAnswer stillWorking = new EventAnswer.DeliverAgain(EventAnswer.Why.STILL_WORKING);
                return withinBudget(pending.thenApply(this::answerFor), stillWorking)
                        .thenApply(answer -> {
                            if (answer == stillWorking) { // this very instance: the timer won the race
                                count("im.message.receive_v1", "deferred");
                            }
                            return answer;
                        });
            }
        }

        private EventAnswer answerFor(Outcome outcome) {
            count("im.message.receive_v1", outcome.label());
            if (outcome.settled()) {
                return new EventAnswer.Done();
            }
            // Another replica holds the message: it is being worked on, as past the budget here.
            return new EventAnswer.DeliverAgain(outcome instanceof Outcome.InProgressElsewhere
                    ? EventAnswer.Why.STILL_WORKING : EventAnswer.Why.REPLY_FAILED);
        }

        @Override
        public CompletableFuture<EventAnswer> cardAction(InboundEvent.CardAction action) {
            try (MDC.MDCCloseable m = MDC.putCloseable("message_id", String.valueOf(action.click().messageId()));
                 MDC.MDCCloseable e = MDC.putCloseable("event_id", String.valueOf(action.eventId()))) {
                String type = endpoint == Endpoint.LEGACY_CARD ? "card.action.trigger_v1" : "card.action.trigger";
                ButtonClick click = action.click();
                if (endpoint == Endpoint.LEGACY_CARD) {
                    click = click.withAppTenant(ownTenant.get());
                } else {
                    remember(click.appTenant());
                }
                // Past the budget Feishu would show the clicker an error: a "busy" toast is kinder.
                return withinBudget(clicks.submit(click), new ClickAnswer.Busy())
                        .thenApply(answer -> {
                            count(type, answer.label());
                            return new EventAnswer.Callback(endpoint == Endpoint.LEGACY_CARD
                                    ? renderer.legacyCallbackAnswer(answer)
                                    : renderer.callbackAnswer(answer));
                        });
            }
        }

        @Override
        public CompletableFuture<EventAnswer> unhandled(InboundEvent.Unhandled unhandled) {
            count(NAMED_TYPES.contains(unhandled.eventType()) ? unhandled.eventType() : "other", "ignored");
            return CompletableFuture.completedFuture(new EventAnswer.Done());
        }
    }

    private void remember(@Nullable String appTenant) {
        if (appTenant != null && !appTenant.isBlank() && ownTenant.compareAndSet(null, appTenant)) {
            log.info("the app's own tenant is {}", appTenant);
        }
    }

    /** The work's result if it comes within the budget, else {@code late}; the timer is freed either way. */
    private <T> CompletableFuture<T> withinBudget(CompletableFuture<T> work, T late) {
        CompletableFuture<Void> deadline = deadlines.after(budget);
        CompletableFuture<T> first = work.applyToEither(deadline.thenApply(passed -> late), result -> result);
        first.whenComplete((result, neverFails) -> deadline.cancel(false));
        return first;
    }

    private void count(String type, String outcome) {
        eventCounters.computeIfAbsent(type + '\n' + outcome,
                k -> metrics.counter("pushbot_events", "type", type, "outcome", outcome)).increment();
    }

    private Timer handlingTimer(Outcome outcome) {
        String command = outcome instanceof Outcome.Replied replied ? replied.command() : "-";
        return handlingTimers.computeIfAbsent(outcome.label() + '\n' + command, k -> Timer.builder("pushbot_message_handling")
                .description("Time from receiving a message event to its outcome")
                .tag("outcome", outcome.label())
                .tag("command", command)
                .register(metrics));
    }
}
