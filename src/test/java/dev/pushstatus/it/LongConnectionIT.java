package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.LongConnectionServer.Ack;
import dev.pushstatus.feishu.sim.LongConnectionServer.Delivery;
import dev.pushstatus.feishu.sim.LongConnectionServer.Push;
import dev.pushstatus.feishu.sim.LongConnectionServer.PushResult;
import dev.pushstatus.feishu.sim.RecordedReply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot in {@code FEISHU_EVENT_MODE=websocket} end to end: events pushed by the simulator's
 * long connection, each acked on the connection it came on, replies counted at the simulator.
 */
class LongConnectionIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    private static final ObjectMapper JSON = new ObjectMapper();
    LongConnectionHarness h;

    @BeforeEach
    void start() throws Exception {
        h = LongConnectionHarness.connected();
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aMessageARePushAChunkedMessageACardClickAndAnUnknownEventAreEachAckedOnceWithOneReplyPerMessage()
            throws Exception {
        assertThat(h.endpointCalls()).as("one endpoint call for the one connection").isEqualTo(1);
        assertThat(h.lc.connections()).hasSize(1);

        // A message: one reply, one ack 200 that echoes the frame.
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        String json = h.events.message(message);
        Delivery first = h.lc.deliver(json);
        assertThat(first.pushes()).singleElement().extracting(Push::result).isEqualTo(PushResult.ACKED);
        assertThat(first.ack().code()).isEqualTo(200);
        assertThat(first.ack().data()).isNull();
        assertThat(first.ack().problems()).as("the ack echoes the pushed frame with biz_rt").isEmpty();
        assertThat(h.sim.replies()).singleElement()
                .satisfies(r -> assertThat(r.replyToMessageId()).isEqualTo(message.messageId()));
        assertThat(h.helpdeskCalls()).isEqualTo(1);

        // Feishu pushes the same event again (as after a lost ack): 200, no second reply.
        Delivery again = h.lc.deliver(json);
        assertThat(again.pushes()).hasSize(1);
        assertThat(again.ack().code()).isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
        assertThat(h.sim.calls(LongConnectionHarness.REPLY)).as("not even a reply call").hasSize(1);

        // A message in three chunks: reassembled, answered once, acked once.
        EventFactory.Message chunked = EventFactory.Message.p2p("/ps " + SEED_ID);
        Delivery parts = h.lc.deliver(h.events.message(chunked), 3);
        assertThat(parts.chunks()).isEqualTo(3);
        assertThat(parts.pushes()).hasSize(1);
        assertThat(parts.ack().code()).isEqualTo(200);
        assertThat(parts.ack().problems()).isEmpty();
        assertThat(h.sim.replies()).hasSize(2);
        assertThat(h.sim.replies().get(1).replyToMessageId()).isEqualTo(chunked.messageId());

        // A click on the status card, as a type=card frame: acked 200 with the toast and the new card in data.
        RecordedReply card = h.sim.replies().get(0);
        Delivery click = h.lc.deliverCard(h.events.cardAction(
                EventFactory.Click.on(card.newMessageId(), LongConnectionHarness.refreshValue(card))));
        assertThat(click.frameType()).isEqualTo("card");
        assertThat(click.pushes()).hasSize(1);
        assertThat(click.ack().code()).isEqualTo(200);
        assertThat(click.ack().problems()).isEmpty();
        JsonNode answer = JSON.readTree(click.answer());
        assertThat(answer.path("toast").path("content").asText()).startsWith("Refreshed");
        assertThat(answer.path("card").path("type").asText()).isEqualTo("raw");
        assertThat(answer.path("card").path("data").path("i18n_elements").isObject()).isTrue();
        assertThat(h.helpdeskCalls()).as("the chunked ask hit the cache, the click fetched again").isEqualTo(2);
        assertThat(h.sim.replies()).as("a click updates in place, it sends no message").hasSize(2);

        // An event type the bot does not handle: acked 200, nothing else.
        String unknown = h.events.message(EventFactory.Message.p2p("/push-status " + SEED_ID))
                .replace("im.message.receive_v1", "contact.user.created_v3");
        Delivery ignored = h.lc.deliver(unknown);
        assertThat(ignored.pushes()).hasSize(1);
        assertThat(ignored.ack().code()).isEqualTo(200);

        assertThat(h.ackCodes()).containsExactly(200, 200, 200, 200, 200);
        assertThat(h.lc.acks()).allMatch(Ack::matched);
        assertThat(h.sim.replies()).hasSize(2);
        assertThat(h.helpdeskCalls()).isEqualTo(2);
        assertThat(h.endpointCalls()).isEqualTo(1);
        assertThat(h.lc.connections()).hasSize(1);
        assertThat(h.lc.pushes()).hasSize(5);
    }

    @Test
    void pastTheBudgetTheFirstPushIsAcked500WhileTheWorkGoesOnAndTheRePushGets200AndNoSecondReply() throws Exception {
        // The helpdesk is slow (1.5 s) and so is the reply (1.5 s): about 3 s of handling, past the 2.5 s budget.
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(1_500)));
        h.sim.inject(Fault.Endpoint.REPLY, Fault.delay(Duration.ofMillis(1_500)));
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);

        Delivery delivery = h.lc.deliver(h.events.message(message));

        assertThat(delivery.pushes()).as("pushed once, acked 500, pushed again (the simulator re-pushes at once)")
                .hasSize(2);
        List<Ack> acks = delivery.acks();
        assertThat(acks).extracting(Ack::code).containsExactly(500, 200);
        long firstAckMillis = Long.parseLong(acks.get(0).frame().header("biz_rt"));
        assertThat(firstAckMillis).as("the 500 came at the budget, inside Feishu's 3 s").isBetween(2_400L, 2_990L);
        assertThat(acks).allSatisfy(a -> assertThat(a.problems()).isEmpty());
        assertThat(h.sim.awaitReplies(1, Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(r.replyToMessageId()).isEqualTo(message.messageId()));
        assertThat(h.sim.calls(LongConnectionHarness.REPLY)).as("one reply call").hasSize(1);
        assertThat(h.helpdeskCalls()).isEqualTo(1);
        Thread.sleep(500);
        assertThat(h.ackCodes()).containsExactly(500, 200);
        assertThat(h.sim.replies()).hasSize(1);
        assertThat(h.endpointCalls()).isEqualTo(1);
    }

    @Test
    void aHelpdeskSlowerThanTheLookupTimeoutAloneStaysInsideTheBudget() throws Exception {
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofSeconds(4)));
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);

        Delivery delivery = h.lc.deliver(h.events.message(message));

        // The 2 s lookup timeout answers with a "Feishu did not answer" card before the 2.5 s budget.
        assertThat(delivery.pushes()).hasSize(1);
        assertThat(delivery.ack().code()).isEqualTo(200);
        assertThat(Long.parseLong(delivery.ack().frame().header("biz_rt"))).isBetween(1_900L, 2_499L);
        assertThat(h.sim.replies()).singleElement()
                .satisfies(r -> assertThat(r.replyToMessageId()).isEqualTo(message.messageId()));
        assertThat(h.ackCodes()).containsExactly(200);
    }

    @Test
    void aPayloadThatIsNotAnEventIsAcked500LikeTheWebhooksNon200AndPushedAgain() throws Exception {
        h.lc.setMaxPushes(2);

        Delivery delivery = h.lc.deliver("this is not JSON");

        assertThat(delivery.pushes()).extracting(Push::result).containsExactly(PushResult.ACKED, PushResult.ACKED);
        assertThat(delivery.acks()).extracting(Ack::code).containsExactly(500, 500);
        assertThat(h.sim.replies()).isEmpty();
        assertThat(h.lc.openConnections()).as("the connection stays").hasSize(1);
        assertThat(h.endpointCalls()).isEqualTo(1);
    }

    @Test
    void fiftyMessagesPushedAtOnceGetFiftyAcks200FiftyRepliesAndOneHelpdeskCall() throws Exception {
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(300)));
        java.util.concurrent.ExecutorService pushers = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            List<java.util.concurrent.Future<Delivery>> deliveries = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String json = h.events.message(EventFactory.Message.p2p("/push-status " + SEED_ID));
                deliveries.add(pushers.submit(() -> h.lc.deliver(json)));
            }
            for (java.util.concurrent.Future<Delivery> delivery : deliveries) {
                Delivery done = delivery.get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(done.pushes()).hasSize(1);
                assertThat(done.ack().code()).isEqualTo(200);
                assertThat(done.ack().problems()).isEmpty();
            }
        } finally {
            pushers.shutdownNow();
        }
        assertThat(h.ackCodes()).hasSize(50).containsOnly(200);
        assertThat(h.lc.acks()).allMatch(Ack::matched);
        assertThat(h.sim.replies()).hasSize(50);
        assertThat(h.sim.replies()).extracting(RecordedReply::replyToMessageId).doesNotHaveDuplicates();
        assertThat(h.helpdeskCalls()).as("single flight").isEqualTo(1);
        assertThat(h.endpointCalls()).isEqualTo(1);
    }

    @Test
    void theWebhookRoutesAre404AndHealthzAndReadyzAnswerWithTheLongConnectionCheck() throws Exception {
        String event = h.events.message(EventFactory.Message.p2p("/push-status " + SEED_ID));
        assertThat(h.post("/webhook/event", event).code()).isEqualTo(404);
        assertThat(h.post("/webhook/card", "{}").code()).isEqualTo(404);
        assertThat(h.get("/webhook/event").code()).isEqualTo(404);

        assertThat(h.get("/healthz").code()).isEqualTo(200);
        LongConnectionHarness.Answer ready = h.get("/readyz");
        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("long_connection").asBoolean()).isTrue();

        assertThat(h.sim.replies()).as("nothing reached the bot through the 404s").isEmpty();
        assertThat(h.helpdeskCalls()).isZero();
        assertThat(h.lc.acks()).isEmpty();
    }
}
