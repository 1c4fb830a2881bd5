package dev.pushstatus.web;

import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.ClickHandler;
import dev.pushstatus.bot.MessageHandler;
import dev.pushstatus.bot.Outcome;
import dev.pushstatus.feishu.card.CardRenderer;
import dev.pushstatus.feishu.event.DecodeResult;
import dev.pushstatus.feishu.event.EventDecoder;
import dev.pushstatus.feishu.event.InboundEvent;
import dev.pushstatus.feishu.event.WebhookRequest;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /webhook/event} and {@code POST /webhook/card}.
 *
 * <p>Button clicks are answered synchronously with the new card (Feishu allows 3 s).
 *
 * <p>Feishu's ack is the bot's durable queue (design.md, Delivery semantics): 200 only once the
 * reply is sent or the message deliberately ignored; past the budget, or when the reply failed,
 * a non-200 so that Feishu delivers the event again while the work goes on in the background.
 */
final class WebhookRoutes {

    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);

    private final EventDecoder decoder;
    private final MessageHandler handler;
    private final ClickHandler clicks;
    private final CardRenderer renderer;
    private final Duration budget;
    private final MeterRegistry metrics;
    private final Json json;

    WebhookRoutes(EventDecoder decoder, MessageHandler handler, ClickHandler clicks, CardRenderer renderer,
                  Duration budget, MeterRegistry metrics, Json json) {
        this.json = json;
        this.decoder = decoder;
        this.handler = handler;
        this.clicks = clicks;
        this.renderer = renderer;
        this.budget = budget;
        this.metrics = metrics;
    }

    void event(Context ctx) {
        DecodeResult result = decoder.decodeEvent(new WebhookRequest(ctx.bodyAsBytes(), ctx.headerMap()));
        answer(ctx, result, false);
    }

    void legacyCard(Context ctx) {
        DecodeResult result = decoder.decodeLegacyCard(new WebhookRequest(ctx.bodyAsBytes(), ctx.headerMap()));
        answer(ctx, result, true);
    }

    private void answer(Context ctx, DecodeResult result, boolean legacyCard) {
        if (result instanceof DecodeResult.Rejected rejected) {
            log.warn("webhook {} refused: {} ({})", ctx.path(), rejected.rejection(), rejected.detail());
            count("rejected", rejected.rejection().name().toLowerCase(java.util.Locale.ROOT));
            json.send(ctx, rejected.rejection().httpStatus(), Map.of("error", rejected.rejection().name().toLowerCase(java.util.Locale.ROOT)));
            return;
        }
        InboundEvent event = ((DecodeResult.Accepted) result).event();
        if (event instanceof InboundEvent.UrlVerification verification) {
            count("url_verification", "answered");
            json.send(ctx, 200, Map.of("challenge", verification.challenge()));
        } else if (event instanceof InboundEvent.MessageReceived received) {
            try (MDC.MDCCloseable m = MDC.putCloseable("message_id", received.message().messageId());
                 MDC.MDCCloseable e = MDC.putCloseable("event_id", String.valueOf(received.eventId()))) {
                onMessage(ctx, received);
            }
        } else if (event instanceof InboundEvent.CardAction action) {
            try (MDC.MDCCloseable m = MDC.putCloseable("message_id", String.valueOf(action.click().messageId()));
                 MDC.MDCCloseable e = MDC.putCloseable("event_id", String.valueOf(action.eventId()))) {
                ClickAnswer answer = clicks.handle(action.click());
                count(legacyCard ? "card.action.trigger_v1" : "card.action.trigger", answer.label());
                json.sendRaw(ctx, 200, legacyCard ? renderer.legacyCallbackAnswer(answer) : renderer.callbackAnswer(answer));
            }
        } else {
            count(((InboundEvent.Unhandled) event).eventType(), "ignored");
            json.send(ctx, 200, Map.of());
        }
    }

    private void onMessage(Context ctx, InboundEvent.MessageReceived received) {
        long started = System.nanoTime();
        CompletableFuture<Outcome> pending = handler.submit(received.message());
        // Timed to completion, even when it finishes in the background after a 503.
        pending.thenAccept(outcome -> Timer.builder("pushbot_message_handling")
                .description("Time from receiving a message event to its outcome")
                .tag("outcome", outcome.label())
                .tag("command", outcome instanceof Outcome.Replied replied ? replied.command() : "-")
                .register(metrics)
                .record(Duration.ofNanos(System.nanoTime() - started)));
        await(ctx, pending);
    }

    private void await(Context ctx, CompletableFuture<Outcome> pending) {
        Outcome outcome;
        try {
            outcome = pending.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWorking) {
            count("im.message.receive_v1", "deferred");
            json.send(ctx, 503, Map.of("error", "still working; deliver again"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json.send(ctx, 503, Map.of("error", "shutting down"));
            return;
        } catch (ExecutionException bug) {
            throw new IllegalStateException("message handling futures never fail", bug.getCause());
        }
        count("im.message.receive_v1", outcome.label());
        if (outcome.settled()) {
            json.send(ctx, 200, Map.of());
        } else {
            json.send(ctx, 500, Map.of("error", "reply not sent; deliver again"));
        }
    }

    private void count(String type, String outcome) {
        metrics.counter("pushbot_events", "type", type, "outcome", outcome).increment();
    }
}
