package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.LongConnectionFault;
import dev.pushstatus.feishu.sim.LongConnectionServer.Connection;
import dev.pushstatus.feishu.sim.LongConnectionServer.Delivery;
import dev.pushstatus.feishu.sim.LongConnectionServer.Push;
import dev.pushstatus.feishu.sim.LongConnectionServer.PushResult;
import dev.pushstatus.feishu.sim.LongConnectionServer.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's long connection under the simulator's faults: a dropped, closed or silent connection
 * is replaced (with a new endpoint call) and {@code /readyz} says 503 meanwhile; a busy endpoint
 * at start is retried; a configuration error at start stops start-up with what to fix, and
 * nothing keeps trying. Settings are {@link LongConnectionHarness#FAST}: ping 1 s (so the
 * watchdog is 31 s), reconnect every 1 s, first try after 0..1 s (never sooner than 1 s).
 */
class LongConnectionFaultsIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    static final Duration WAIT = Duration.ofSeconds(10);
    LongConnectionHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** A fresh message over the long connection: one more reply, acked 200 on the open connection. */
    private void answeredOnce(int repliesBefore) throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        Delivery delivery = h.lc.deliver(h.events.message(message));
        assertThat(delivery.pushes()).hasSize(1);
        assertThat(delivery.ack().code()).isEqualTo(200);
        assertThat(delivery.ack().deviceId()).isEqualTo(h.lc.openDeviceIds().get(0));
        assertThat(h.sim.replies()).hasSize(repliesBefore + 1);
        assertThat(h.sim.replies().get(repliesBefore).replyToMessageId()).isEqualTo(message.messageId());
    }

    /**
     * Breaks the one open connection with the fault; checks /readyz goes 503 and back to 200,
     * /healthz stays 200, and the bot comes back on a new URL; returns the reconnect time.
     */
    private Duration breakAndRecover(LongConnectionFault fault) throws Exception {
        h = LongConnectionHarness.connected();
        assertThat(h.endpointCalls()).isEqualTo(1);
        answeredOnce(0);
        String firstDevice = h.lc.openDeviceIds().get(0);

        Instant broken = Instant.now();
        h.lc.inject(fault);

        assertThat(h.awaitReadyz(503, Duration.ofSeconds(3))).as("/readyz while disconnected").isEqualTo(503);
        LongConnectionHarness.Answer notReady = h.get("/readyz");
        assertThat(h.get("/healthz").code()).as("/healthz while disconnected").isEqualTo(200);
        List<Connection> all = h.lc.awaitConnects(2, WAIT);
        assertThat(all).as("a second connection").hasSize(2);
        assertThat(h.awaitReadyz(200, WAIT)).as("/readyz once reconnected").isEqualTo(200);
        assertThat(h.get("/healthz").code()).isEqualTo(200);
        if (notReady.code() == 503) {
            assertThat(notReady.json().path("checks").path("long_connection").asBoolean(true)).isFalse();
        }

        assertThat(all.get(0).deviceId()).isEqualTo(firstDevice);
        assertThat(all.get(0).isOpen()).isFalse();
        assertThat(all.get(1).deviceId()).as("a new URL, so a new device id").isNotEqualTo(firstDevice);
        assertThat(h.lc.openDeviceIds()).containsExactly(all.get(1).deviceId());
        assertThat(h.endpointCalls()).as("one new endpoint call for the reconnect").isEqualTo(2);
        answeredOnce(1);
        assertThat(h.ackCodes()).containsExactly(200, 200);
        assertThat(h.sim.replies()).hasSize(2);
        assertThat(h.endpointCalls()).isEqualTo(2);
        return Duration.between(broken, all.get(1).openedAt());
    }

    @Test
    void aDroppedConnectionIsReplacedWithANewEndpointCallAfterAboutOneSecond() throws Exception {
        Duration reconnect = breakAndRecover(LongConnectionFault.DROP);

        assertThat(reconnect).as("0..1 s nonce, never sooner than 1 s").isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(h.lc.connections().get(0).closeStatus()).as("no close frame").isNotIn(1000, 1001);
        System.out.printf("fault-table DROP reconnect=%d ms%n", reconnect.toMillis());
    }

    @Test
    void aConnectionClosedByFeishuIsReplacedWithANewEndpointCallAfterAboutOneSecond() throws Exception {
        Duration reconnect = breakAndRecover(LongConnectionFault.CLOSE);

        assertThat(reconnect).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(h.lc.connections().get(0).closeStatus()).isEqualTo(1001);
        System.out.printf("fault-table CLOSE reconnect=%d ms%n", reconnect.toMillis());
    }

    @Test
    void aDropWhileTheEndpointIsBusyIsRetriedEveryReconnectIntervalUntilAUrlComes() throws Exception {
        h = LongConnectionHarness.connected();
        h.lc.inject(LongConnectionFault.ENDPOINT_TEMPORARY);
        h.lc.inject(LongConnectionFault.ENDPOINT_TEMPORARY);
        Instant broken = Instant.now();
        h.lc.dropConnections();

        List<Connection> all = h.lc.awaitConnects(2, WAIT);
        assertThat(all).hasSize(2);
        Duration reconnect = Duration.between(broken, all.get(1).openedAt());
        assertThat(h.endpointCalls()).as("the first, two busy answers, then a URL").isEqualTo(4);
        assertThat(reconnect).as("1 s, then 1 s after each busy answer").isBetween(Duration.ofMillis(2_800),
                Duration.ofSeconds(5));
        assertThat(h.awaitReadyz(200, WAIT)).isEqualTo(200);
        answeredOnce(0);
        assertThat(h.ackCodes()).containsExactly(200);
        System.out.printf("fault-table DROP+2xENDPOINT_TEMPORARY reconnect=%d ms%n", reconnect.toMillis());
    }

    @Test
    void anEventInFlightWhenTheConnectionDropsLosesItsAckAndItsRePushOnTheNewConnectionGets200AndNoSecondReply()
            throws Exception {
        h = LongConnectionHarness.connected();
        h.sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(1_500)));
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        CompletableFuture<Delivery> delivery = CompletableFuture.supplyAsync(() -> {
            try {
                return h.lc.deliver(h.events.message(message));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(h.sim.awaitCalls(LongConnectionHarness.HELPDESK, 1, WAIT)).hasSize(1);
        String firstDevice = h.lc.openDeviceIds().get(0);

        h.lc.dropConnections();

        Delivery done = delivery.get(20, TimeUnit.SECONDS);
        assertThat(done.pushes()).extracting(Push::result).containsExactly(PushResult.NO_ACK, PushResult.ACKED);
        assertThat(done.pushes().get(0).deviceId()).isEqualTo(firstDevice);
        assertThat(done.pushes().get(1).deviceId()).isNotEqualTo(firstDevice);
        assertThat(done.ack().code()).isEqualTo(200);
        assertThat(h.ackCodes()).as("the first ack had no connection to go out on").containsExactly(200);
        assertThat(h.sim.replies()).singleElement()
                .satisfies(r -> assertThat(r.replyToMessageId()).isEqualTo(message.messageId()));
        assertThat(h.sim.calls(LongConnectionHarness.REPLY)).hasSize(1);
        assertThat(h.helpdeskCalls()).isEqualTo(1);
        assertThat(h.endpointCalls()).isEqualTo(2);
    }

    @Test
    void aRefusalAfterStartStopsTheConnectionForGoodAndNothingTriesAgain() throws Exception {
        // 403 (or 514) is not retried, also after start: /readyz 503, and nothing tries again once the
        // cause is fixed; only a restart helps (LongConnectionProcessIT: nothing restarts it).
        h = LongConnectionHarness.connected();
        h.lc.injectUntilCleared(LongConnectionFault.HANDSHAKE_FORBIDDEN);
        h.lc.dropConnections();

        assertThat(h.lc.awaitRefusals(1, WAIT)).extracting(Refusal::status).containsExactly(403);
        assertThat(h.awaitReadyz(503, WAIT)).isEqualTo(503);
        Thread.sleep(2_500);
        assertThat(h.endpointCalls()).isEqualTo(2);
        assertThat(h.lc.refusals()).hasSize(1);
        assertThat(h.get("/readyz").json().path("checks").path("long_connection").asBoolean(true)).isFalse();

        h.lc.clearFaults();
        Thread.sleep(1_500);
        assertThat(h.endpointCalls()).as("no try after the cause is gone").isEqualTo(2);
        assertThat(h.get("/readyz").code()).isEqualTo(503);
        assertThat(h.lc.openConnections()).isEmpty();
    }

    @Test
    void pastFeishusReconnectCountTheConnectionGivesUpAndStaysDown() throws Exception {
        h = new LongConnectionHarness();
        h.lc.setClientConfig(new dev.pushstatus.feishu.sim.LongConnectionServer.ClientConfig(2, 1, 1, 1));
        h.startBot();
        assertThat(h.awaitReadyz(200, WAIT)).isEqualTo(200);
        h.lc.injectUntilCleared(LongConnectionFault.ENDPOINT_TEMPORARY);
        h.lc.dropConnections();

        assertThat(h.sim.awaitCalls(dev.pushstatus.feishu.sim.LongConnectionServer.ENDPOINT_PATH, 3, WAIT)).hasSize(3);
        Thread.sleep(2_000);
        assertThat(h.endpointCalls()).as("the first, then ReconnectCount = 2 tries, then no more").isEqualTo(3);
        assertThat(h.get("/readyz").code()).isEqualTo(503);
        h.lc.clearFaults();
        Thread.sleep(1_500);
        assertThat(h.endpointCalls()).isEqualTo(3);
        assertThat(h.lc.openConnections()).isEmpty();
    }

    @Test
    void aSilentConnectionIsTakenForDeadByTheWatchdogAfterPingIntervalPlus30s() throws Exception {
        h = LongConnectionHarness.connected();
        assertThat(h.endpointCalls()).isEqualTo(1);
        Instant silenced = Instant.now();
        h.lc.inject(LongConnectionFault.SILENT);

        Thread.sleep(3_000);
        assertThat(h.get("/readyz").code()).as("the bot cannot tell silence from quiet before the watchdog").isEqualTo(200);
        assertThat(h.lc.connections()).hasSize(1);

        List<Connection> all = h.lc.awaitConnects(2, Duration.ofSeconds(38));
        assertThat(all).as("a new connection after the watchdog").hasSize(2);
        Duration reconnect = Duration.between(silenced, all.get(1).openedAt());
        // Silence counts from the last pong (up to 1 s before the fault), then 31 s, then the 1 s wait.
        assertThat(reconnect).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(35));
        assertThat(all.get(0).isOpen()).as("the silent one was given up").isFalse();
        assertThat(h.awaitReadyz(200, WAIT)).isEqualTo(200);
        assertThat(h.endpointCalls()).isEqualTo(2);
        assertThat(h.lc.pings().size()).as("the bot kept pinging through the silence").isGreaterThan(25);
        answeredOnce(0);
        assertThat(h.ackCodes()).containsExactly(200);
        System.out.printf("fault-table SILENT reconnect=%d ms%n", reconnect.toMillis());
    }

    @Test
    void aBusyEndpointAtStartIsRetriedThenTheBotConnects() throws Exception {
        h = new LongConnectionHarness();
        h.lc.inject(LongConnectionFault.ENDPOINT_TEMPORARY);
        Instant started = Instant.now();

        h.startBot();

        Duration startTook = Duration.between(started, Instant.now());
        // No settings have come from Feishu yet: the first retry waits 0..30 s (the default nonce);
        // start-up waits at most 10 s for the first connection, then goes on with /readyz 503.
        assertThat(startTook).isLessThan(Duration.ofSeconds(12));
        if (h.lc.connections().isEmpty()) {
            assertThat(h.get("/readyz").code()).isEqualTo(503);
            assertThat(h.get("/healthz").code()).isEqualTo(200);
        }
        List<Connection> all = h.lc.awaitConnects(1, Duration.ofSeconds(35));
        assertThat(all).hasSize(1);
        assertThat(h.awaitReadyz(200, WAIT)).isEqualTo(200);
        assertThat(h.endpointCalls()).as("one busy answer, then a URL").isEqualTo(2);
        assertThat(h.lc.refusals()).isEmpty();
        Duration connected = Duration.between(started, all.get(0).openedAt());
        assertThat(connected).isBetween(Duration.ofMillis(900), Duration.ofSeconds(32));
        assertThat(h.bot.awaitReady(WAIT)).isTrue();
        answeredOnce(0);
        assertThat(h.ackCodes()).containsExactly(200);
        System.out.printf("fault-table ENDPOINT_TEMPORARY start=%d ms connected=%d ms%n", startTook.toMillis(),
                connected.toMillis());
    }

    /** Start-up with a configuration error: it throws the message within a few seconds, and nothing tries again. */
    private void startFailsWith(LongConnectionFault fault, String... whatToFix) throws Exception {
        h = new LongConnectionHarness();
        h.lc.injectUntilCleared(fault);
        Instant started = Instant.now();

        assertThatThrownBy(h::startBot).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("long connection: ").hasMessageContainingAll(whatToFix)
                .satisfies(e -> System.out.printf("fault-table %s message=%s%n", fault, e.getMessage()));

        Duration took = Duration.between(started, Instant.now());
        assertThat(took).as("start-up stopped at once").isLessThan(Duration.ofSeconds(5));
        int calls = h.endpointCalls();
        int refusals = h.lc.refusals().size();
        Thread.sleep(2_500); // more than two reconnect intervals
        assertThat(h.endpointCalls()).as("no further endpoint call").isEqualTo(calls).isEqualTo(1);
        assertThat(h.lc.refusals()).as("no further handshake").hasSize(refusals);
        assertThat(h.lc.connections()).isEmpty();
        assertThat(liveThreads("long-connection-", "ws-reader-")).as("the connection's threads ended").isEmpty();
        System.out.printf("fault-table %s endpoint_calls=%d refusals=%s start_failed_after=%d ms%n", fault,
                h.endpointCalls(), h.lc.refusals().stream().map(Refusal::status).toList(), took.toMillis());
    }

    private static List<String> liveThreads(String... prefixes) throws InterruptedException {
        List<String> live = List.of();
        for (int i = 0; i < 50; i++) {
            live = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)).toList();
            if (live.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return live;
    }

    @Test
    void tooManyConnectionsAtStartStopsStartUpSayingToRunFewerCopies() throws Exception {
        startFailsWith(LongConnectionFault.HANDSHAKE_TOO_MANY, "50 connections", "514", "1000040350",
                "stop other copies of the bot using this app id, or run fewer replicas");
        assertThat(h.lc.refusals()).extracting(Refusal::status).containsExactly(514);
    }

    @Test
    void aForbiddenHandshakeAtStartStopsStartUpSayingWhatToCheckInTheConsole() throws Exception {
        startFailsWith(LongConnectionFault.HANDSHAKE_FORBIDDEN, "403", "developer console", "long connection");
        assertThat(h.lc.refusals()).extracting(Refusal::status).containsExactly(403);
    }

    @Test
    void anEndpointConfigurationErrorAtStartStopsStartUpSayingToCheckTheAppIdAndSecret() throws Exception {
        startFailsWith(LongConnectionFault.ENDPOINT_CONFIG_ERROR, "code 10014", "app secret invalid",
                "check the app id and app secret");
        assertThat(h.lc.refusals()).isEmpty();
    }
}
