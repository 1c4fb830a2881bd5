package dev.pushstatus.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.RefreshButton;
import dev.pushstatus.feishu.event.WebhookRequest;
import dev.pushstatus.feishu.sim.EventFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The app's own tenant, which the legacy card callback does not name, is learned from the first
 * verified event that does: a message or a new-style click. An event without a tenant, or with a
 * blank one, teaches nothing, so that the real tenant is still learned from the next event; the
 * tenant is logged once, when it is learned.
 */
class OwnTenantTest {

    /** The service, its fakes and helpers, as {@link EventServiceTest} sets them up. */
    private final EventServiceTest f = new EventServiceTest();

    private String legacyClick() throws Exception {
        CompletableFuture<EventAnswer> pending = f.send(Endpoint.LEGACY_CARD, f.sealer.sealLegacyCard(
                f.events.legacyCardAction(EventFactory.Click.on("om_card", new RefreshButton(EventServiceTest.ID).value()))));
        f.runQueuedWork();
        return ((EventAnswer.Callback) pending.join()).json();
    }

    /** An event over the long connection (no token or signature), its header changed by {@code header}. */
    private EventAnswer overLongConnection(String json, Consumer<ObjectNode> header) throws Exception {
        ObjectNode root = (ObjectNode) EventServiceTest.JSON.readTree(json);
        header.accept((ObjectNode) root.path("header"));
        CompletableFuture<EventAnswer> pending = f.service.handle(Endpoint.LONG_CONNECTION, new WebhookRequest(
                EventServiceTest.JSON.writeValueAsBytes(root), Map.of()));
        f.runQueuedWork();
        return pending.join();
    }

    @Test
    void aNewStyleClickTeachesTheTenantSoALaterLegacyClickIsServed() throws Exception {
        CompletableFuture<EventAnswer> click = f.send(Endpoint.EVENT, f.sealer.seal(f.events.cardAction(
                EventFactory.Click.on("om_card", new RefreshButton(EventServiceTest.ID).value()))));
        f.runQueuedWork();
        click.join();

        assertThat(legacyClick()).contains(EventServiceTest.ID);
        assertThat(f.count("card.action.trigger_v1", "refreshed")).isEqualTo(1);
    }

    @Test
    void theTenantIsLoggedOnceWhenLearnedNotAgainForEachEventNamingIt() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(EventService.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            for (String id : new String[] {"om_1", "om_2"}) {
                CompletableFuture<EventAnswer> message = f.send(Endpoint.EVENT, f.message(id, "/help"));
                f.runQueuedWork();
                message.join();
            }
            CompletableFuture<EventAnswer> click = f.send(Endpoint.EVENT, f.sealer.seal(f.events.cardAction(
                    EventFactory.Click.on("om_card", new RefreshButton(EventServiceTest.ID).value()))));
            f.runQueuedWork();
            click.join();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.startsWith("the app's own"))
                .containsExactly("the app's own tenant is " + f.creds.tenantKey());
    }

    @Test
    void eventsWithoutOrWithABlankTenantTeachNothingAndTheNextRealOneDoes() throws Exception {
        String click = f.events.cardAction(EventFactory.Click.on("om_card", new RefreshButton(EventServiceTest.ID).value()));
        String message = f.events.message(EventFactory.Message.p2p("/help").withMessageId("om_1"));

        assertThat(overLongConnection(click, h -> h.remove("tenant_key"))).isInstanceOf(EventAnswer.Callback.class);
        assertThat(overLongConnection(click, h -> h.put("tenant_key", " "))).isInstanceOf(EventAnswer.Callback.class);
        assertThat(overLongConnection(message, h -> h.remove("tenant_key"))).isInstanceOf(EventAnswer.Done.class);
        assertThat(legacyClick()).isEqualTo("{}");

        overLongConnection(f.events.message(EventFactory.Message.p2p("/help").withMessageId("om_2")), h -> { });

        assertThat(legacyClick()).contains(EventServiceTest.ID);
        assertThat(f.count("card.action.trigger_v1", "refused")).isEqualTo(1);
        assertThat(f.count("card.action.trigger_v1", "refreshed")).isEqualTo(1);
    }
}
