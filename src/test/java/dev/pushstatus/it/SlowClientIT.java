package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.sim.EventFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow-body attack, bounded and self-stopping, on loopback only: 300 connections from
 * 127.0.0.2 each declare a 100,000-byte body and trickle it a byte at a time. Meanwhile, from
 * 127.0.0.1, the probes and Feishu must still be answered, and the server must drop the
 * tricklers instead of holding a thread for each as long as they like.
 */
class SlowClientIT {

    static final int ATTACKERS = 300;
    static final Duration TRICKLE_EVERY = Duration.ofSeconds(2);
    /** The attack stops by itself after this, whatever happens. */
    static final Duration ATTACK_FOR = Duration.ofSeconds(14);
    static final InetAddress ATTACKER = loopback(127, 0, 0, 2);

    BotHarness h;
    final List<Socket> attack = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        h = BotHarness.encrypted();
        h.sim.reset();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : attack) {
            s.close();
        }
        h.close();
    }

    @Test
    void tricklingBodiesNeitherStarveTheProbesAndFeishuNorHoldTheirConnections() throws Exception {
        long deadline = System.nanoTime() + ATTACK_FOR.toNanos();
        byte[] head = ("POST /webhook/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < ATTACKERS; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(ATTACKER, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), h.bot.port()), 2_000);
            s.setSoTimeout(1);
            s.getOutputStream().write(head);
            s.getOutputStream().flush();
            attack.add(s);
        }

        List<Long> healthMillis = new ArrayList<>();
        int eventStatus = -1;
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(TRICKLE_EVERY.toMillis());
            trickle();
            rounds++;
            long t0 = System.nanoTime();
            assertThat(h.get("/healthz").code()).as("/healthz during the attack, round %d", rounds).isEqualTo(200);
            healthMillis.add((System.nanoTime() - t0) / 1_000_000);
            if (rounds == 2) {
                eventStatus = h.deliver(EventFactory.Message.p2p("/ps " + PushStatusIT.SEED_ID));
            }
        }
        long dropped = attack.stream().filter(SlowClientIT::closedByServer).count();

        assertThat(eventStatus).as("a valid event during the attack").isEqualTo(200);
        assertThat(h.sim.replies()).hasSize(1);
        assertThat(healthMillis).as("/healthz answer times, ms").allMatch(ms -> ms < 1_000);
        assertThat(dropped).as("trickling connections the server dropped within %s", ATTACK_FOR)
                .isEqualTo(ATTACKERS);
    }

    /** One more byte on every connection still open; a refused write means the server closed it. */
    private void trickle() {
        for (Socket s : attack) {
            if (s.isClosed()) {
                continue;
            }
            try {
                OutputStream out = s.getOutputStream();
                out.write(' ');
                out.flush();
            } catch (IOException closed) {
                closeQuietly(s);
            }
        }
    }

    /** Whether the server has closed the connection (end of stream, a reset, or its 408 answer then end). */
    private static boolean closedByServer(Socket s) {
        if (s.isClosed()) {
            return true;
        }
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            s.setSoTimeout(200);
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static InetAddress loopback(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
