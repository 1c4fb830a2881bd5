package dev.pushstatus.feishu.ws;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Port: opens WebSocket sessions. {@link OkHttpTransport} is the real one; tests hand their own
 * sessions and call the listener themselves, so frame handling is tested without a socket.
 */
interface Transport {

    /** Starts the handshake to {@code url}; the outcome arrives at {@code listener}, on another thread. */
    Session open(HttpUrl url, Listener listener);

    /** Frees the transport's threads once every session is closed; nothing is opened after. */
    default void shutdown() {
    }

    /** One WebSocket. */
    interface Session {
        /** Queues a binary message; false once the socket is closing or its queue is full. */
        boolean send(byte[] bytes);

        /** A normal close (sends {@code code}), waiting a bounded time for Feishu's answer, then cancels. */
        void close(int code, String reason);

        /** Drops the socket at once. */
        void cancel();
    }

    /** What happens to one session; called on the transport's threads. */
    interface Listener {
        void opened();

        void binary(byte[] bytes);

        void text();

        /** Feishu closed the session. */
        void closed(int code, String reason);

        /** The handshake or the socket failed; {@code refusal} is set when the handshake was answered but refused. */
        void failed(Throwable failure, @Nullable Refusal refusal);
    }

    /**
     * A refused handshake: the status ({@code handshake-status} header, else the HTTP status) and
     * the {@code handshake-autherrcode} and {@code handshake-msg} headers.
     */
    record Refusal(int status, @Nullable String authErrorCode, @Nullable String message) {
    }
}
