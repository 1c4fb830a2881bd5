package dev.pushstatus.feishu.ws;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * {@link Transport} on OkHttp's WebSocket: a plain RFC 6455 handshake, no extra headers, no RFC 6455
 * pings. The sockets' reader threads come from a pool of its own, of daemon threads, shut down by
 * {@link #shutdown()}: OkHttp's own dispatcher threads are not daemons and linger a minute.
 */
final class OkHttpTransport implements Transport {

    /** How long a normal close waits for Feishu's close frame before dropping the socket. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final ExecutorService readers;
    private final OkHttpClient http;

    OkHttpTransport(OkHttpClient http) {
        AtomicInteger count = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ws-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = http.newBuilder().dispatcher(new Dispatcher(readers)).build();
    }

    @Override
    public void shutdown() {
        readers.shutdown();
    }

    /** Whether {@link #shutdown()} has been called (for tests). */
    boolean isShutdown() {
        return readers.isShutdown();
    }

    @Override
    public Session open(HttpUrl url, Listener listener) {
        CountDownLatch ended = new CountDownLatch(1);
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                listener.opened();
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                listener.binary(bytes.toByteArray());
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.text();
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                listener.closed(code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                ended.countDown();
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
                ended.countDown();
                listener.failed(t, response == null || response.code() == 101 ? null : refusal(response));
            }
        });
        return new Session() {
            @Override
            public boolean send(byte[] bytes) {
                return socket.send(ByteString.of(bytes));
            }

            @Override
            public void close(int code, String reason) {
                socket.close(code, reason);
                try {
                    if (!ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        socket.cancel();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    socket.cancel();
                }
            }

            @Override
            public void cancel() {
                socket.cancel();
            }
        };
    }

    /** What a refused handshake said: {@code handshake-status} if it is a number, else the HTTP status. */
    static Refusal refusal(Response response) {
        int status = response.code();
        String header = response.header("handshake-status");
        if (header != null) {
            try {
                status = Integer.parseInt(header.trim());
            } catch (NumberFormatException e) {
                // keep the HTTP status
            }
        }
        return new Refusal(status, response.header("handshake-autherrcode"), response.header("handshake-msg"));
    }
}
