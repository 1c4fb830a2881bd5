package dev.pushstatus.web;

import dev.pushstatus.feishu.event.WebhookRequest;
import dev.pushstatus.inbound.Endpoint;
import dev.pushstatus.inbound.EventAnswer;
import dev.pushstatus.inbound.EventService;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code POST /webhook/event} and {@code POST /webhook/card}: the request's bytes and headers go
 * to the {@link EventService}, and its answer comes back as an HTTP status and body. All the rules
 * (what is refused, when Feishu must deliver again) live in the service; this is only the
 * translation to HTTP.
 */
final class WebhookRoutes {

    private final EventService service;
    private final Json json;

    WebhookRoutes(EventService service, Json json) {
        this.service = service;
        this.json = json;
    }

    void event(Context ctx) {
        answer(ctx, Endpoint.EVENT);
    }

    void legacyCard(Context ctx) {
        answer(ctx, Endpoint.LEGACY_CARD);
    }

    private void answer(Context ctx, Endpoint endpoint) {
        EventAnswer answer;
        try {
            answer = service.handle(endpoint, new WebhookRequest(ctx.bodyAsBytes(), ctx.headerMap())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new EventAnswer.DeliverAgain(EventAnswer.Why.SHUTTING_DOWN);
        } catch (ExecutionException bug) {
            throw new IllegalStateException("the event service's futures never fail", bug.getCause());
        }
        answer.accept(new HttpAnswer(ctx));
    }

    /** Each answer as Feishu's webhook expects it: 200 means "delivered", anything else "try again". */
    private final class HttpAnswer implements EventAnswer.Cases<Void> {

        private final Context ctx;

        HttpAnswer(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public Void done(EventAnswer.Done done) {
            json.send(ctx, 200, Map.of());
            return null;
        }

        @Override
        public Void challenge(EventAnswer.Challenge challenge) {
            json.send(ctx, 200, Map.of("challenge", challenge.challenge()));
            return null;
        }

        @Override
        public Void callback(EventAnswer.Callback callback) {
            json.sendRaw(ctx, 200, callback.json());
            return null;
        }

        @Override
        public Void deliverAgain(EventAnswer.DeliverAgain again) {
            switch (again.why()) {
                case STILL_WORKING -> json.send(ctx, 503, Map.of("error", "still working; deliver again"));
                case SHUTTING_DOWN -> json.send(ctx, 503, Map.of("error", "shutting down; deliver again"));
                case REPLY_FAILED -> json.send(ctx, 500, Map.of("error", "reply not sent; deliver again"));
            }
            return null;
        }

        @Override
        public Void rejected(EventAnswer.Rejected rejected) {
            json.send(ctx, rejected.rejection().httpStatus(),
                    Map.of("error", rejected.rejection().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
    }
}
