package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.ws.InMemorySockets.Peer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OkHttp adapter end to end on in-memory sockets ({@link InMemorySockets}): OkHttp's real
 * handshake and WebSocket framing, with the test playing Feishu byte by byte. Each socket event
 * reaches the listener as the connection expects it; sends, closes and cancels reach the wire.
 */
class OkHttpTransportSessionTest {

    private static final HttpUrl URL = HttpUrl.get("http://msg-frontier.feishu.test/ws/v2?device_id=d1");
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final InMemorySockets sockets = new InMemorySockets();
    private final OkHttpTransport transport = new OkHttpTransport(sockets.client());
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile Thread openedOn;

    private final Transport.Listener listener = new Transport.Listener() {
        @Override
        public void opened() {
            openedOn = Thread.currentThread();
            events.add("opened");
        }

        @Override
        public void binary(byte[] bytes) {
            events.add("binary " + HexFormat.of().formatHex(bytes));
        }

        @Override
        public void text() {
            events.add("text");
        }

        @Override
        public void closed(int code, String reason) {
            events.add("closed " + code + " " + reason);
        }

        @Override
        public void failed(Throwable failure, Transport.@Nullable Refusal refusal) {
            events.add("failed " + failure.getClass().getSimpleName() + " " + refusal);
        }
    };

    @AfterEach
    void shutsDown() {
        Thread.interrupted();
        transport.shutdown();
    }

    private String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a listener call within 10 s").isNotNull();
        return event;
    }

    /** Reads the client's handshake request: its headers, names in lower case. */
    private static Map<String, String> request(Peer peer) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestLine = peer.fromClient.readUtf8LineStrict();
        headers.put(":request", requestLine);
        for (String line = peer.fromClient.readUtf8LineStrict(); !line.isEmpty();
             line = peer.fromClient.readUtf8LineStrict()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String accept(String key) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
    }

    private static void answer(Peer peer, String head) throws IOException {
        peer.toClient.writeUtf8(head.replace("\n", "\r\n") + "\r\n").flush();
    }

    /** Opens a session and completes the handshake as Feishu does: the client's events start with "opened". */
    private Transport.Session openAccepted(Peer[] peerOut) throws Exception {
        Transport.Session session = transport.open(URL, listener);
        Peer peer = sockets.accept();
        Map<String, String> request = request(peer);
        assertThat(request.get(":request")).isEqualTo("GET /ws/v2?device_id=d1 HTTP/1.1");
        assertThat(request.get("upgrade")).isEqualTo("websocket");
        answer(peer, "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n"
                + "Sec-WebSocket-Accept: " + accept(request.get("sec-websocket-key")) + "\n");
        assertThat(next()).isEqualTo("opened");
        peerOut[0] = peer;
        return session;
    }

    /** A server frame: unmasked, final. */
    private static void frame(Peer peer, int opcode, byte[] payload) throws IOException {
        peer.toClient.writeByte(0x80 | opcode).writeByte(payload.length).write(payload).flush();
    }

    /** The next frame the client sent, unmasked: its opcode in hex, then its payload in hex. */
    private static String clientFrame(Peer peer) throws IOException {
        int first = peer.fromClient.readByte() & 0xff;
        int second = peer.fromClient.readByte() & 0xff;
        assertThat(second & 0x80).as("client frames are masked").isEqualTo(0x80);
        int length = second & 0x7f;
        byte[] mask = peer.fromClient.readByteArray(4);
        byte[] payload = peer.fromClient.readByteArray(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return Integer.toHexString(first & 0x0f) + " " + HexFormat.of().formatHex(payload);
    }

    private static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    @Test
    void aSessionOpensOnADaemonReaderHandsOnWhatArrivesSendsAndClosesWhenFeishuCloses() throws Exception {
        Peer[] peer = new Peer[1];
        Transport.Session session = openAccepted(peer);
        assertThat(openedOn.isDaemon()).as("a reader of the transport's own pool (OkHttp's own are not daemons)")
                .isTrue();

        frame(peer[0], 0x2, new byte[] {1, 2, 3});
        assertThat(next()).isEqualTo("binary 010203");
        frame(peer[0], 0x1, "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(next()).isEqualTo("text");

        assertThat(session.send(new byte[] {9, 8})).isTrue();
        assertThat(clientFrame(peer[0])).isEqualTo("2 0908");

        frame(peer[0], 0x8, close(1001, "going away"));
        assertThat(next()).isEqualTo("closed 1001 going away");
        assertThat(clientFrame(peer[0])).as("the client answers with a normal close").isEqualTo("8 03e8");
        peer[0].closeToClient();
        // OkHttp reports the session closed before it closes the socket: once the client's side has
        // ended, the session has ended too.
        assertThat(peer[0].fromClient.exhausted()).isTrue();

        long start = System.nanoTime();
        session.close(1000, "bye");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the socket had already ended: no wait for an answer").isLessThan(OkHttpTransport.CLOSE_WAIT);
        assertThat(session.send(new byte[] {1})).as("nothing is sent once closed").isFalse();
        assertThat(events.poll(100, TimeUnit.MILLISECONDS)).as("no failure after a clean close").isNull();
    }

    @Test
    void aRefusedHandshakeIsAFailureWithTheRefusalsHeaders() throws Exception {
        Transport.Session session = transport.open(URL, listener);
        Peer peer = sockets.accept();
        request(peer);

        answer(peer, "HTTP/1.1 403 Forbidden\nhandshake-status: 514\nhandshake-autherrcode: 1000040350\n"
                + "handshake-msg: too many connections\nContent-Length: 0\n");

        assertThat(next()).isEqualTo("failed ProtocolException Refusal[status=514, authErrorCode=1000040350,"
                + " message=too many connections]");
        long start = System.nanoTime();
        session.close(1000, "bye");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the socket had already failed: no wait for an answer").isLessThan(OkHttpTransport.CLOSE_WAIT);
    }

    @Test
    void aHandshakeAnswered101WithTheWrongAcceptIsAFailureWithoutRefusal() throws Exception {
        transport.open(URL, listener);
        Peer peer = sockets.accept();
        request(peer);

        answer(peer, "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n"
                + "Sec-WebSocket-Accept: not-the-right-one\n");

        assertThat(next()).isEqualTo("failed ProtocolException null");
    }

    @Test
    void aConnectionThatEndsWithoutACloseIsAFailureWithoutRefusal() throws Exception {
        Peer[] peer = new Peer[1];
        openAccepted(peer);

        peer[0].closeToClient();

        assertThat(next()).isEqualTo("failed EOFException null");
    }

    @Test
    void cancelDropsTheSocketAtOnce() throws Exception {
        Peer[] peer = new Peer[1];
        Transport.Session session = openAccepted(peer);

        session.cancel();

        assertThat(next()).startsWith("failed ");
        assertThat(peer[0].fromClient.exhausted()).as("the client's side has ended").isTrue();
        assertThat(peer[0].clientClosed()).isTrue();
    }

    @Test
    void anInterruptedCloseCancelsAtOnceAndKeepsTheInterrupt() throws Exception {
        Peer[] peer = new Peer[1];
        Transport.Session session = openAccepted(peer);

        Thread.currentThread().interrupt();
        session.close(1000, "bye");

        assertThat(Thread.interrupted()).isTrue();
        assertThat(next()).startsWith("failed ");
        assertThat(peer[0].clientClosed()).isTrue();
    }
}
