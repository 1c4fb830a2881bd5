package dev.pushstatus.feishu.ws;

import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** A {@link Transport} without sockets: it records what is opened and sent; tests call the listeners. */
final class FakeTransport implements Transport {

    /** One opened session. */
    static final class FakeSession implements Session {
        final HttpUrl url;
        final Listener listener;
        final List<byte[]> sent = new ArrayList<>();
        boolean accepting = true;
        Integer closedWith;
        boolean cancelled;

        FakeSession(HttpUrl url, Listener listener) {
            this.url = url;
            this.listener = listener;
        }

        @Override
        public synchronized boolean send(byte[] bytes) {
            if (!accepting || cancelled || closedWith != null) {
                return false;
            }
            sent.add(bytes);
            return true;
        }

        @Override
        public synchronized void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
        }

        synchronized List<Frame> frames() {
            List<Frame> frames = new ArrayList<>();
            for (byte[] bytes : sent) {
                try {
                    frames.add(FrameCodec.standard().decode(bytes));
                } catch (FrameFormatException e) {
                    throw new AssertionError("the client sent an unreadable frame", e);
                }
            }
            return frames;
        }
    }

    final List<FakeSession> sessions = new ArrayList<>();
    boolean shutDown;

    @Override
    public synchronized void shutdown() {
        shutDown = true;
    }

    @Override
    public synchronized Session open(HttpUrl url, Listener listener) {
        FakeSession session = new FakeSession(url, listener);
        sessions.add(session);
        return session;
    }

    synchronized FakeSession last() {
        return sessions.get(sessions.size() - 1);
    }
}
