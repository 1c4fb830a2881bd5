package dev.pushstatus.feishu.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ForwardingSink;
import okio.Okio;
import okio.Pipe;

/**
 * Sockets that never touch the network: each is a pair of in-memory pipes, and the test holds the
 * other end of every socket OkHttp opens ({@link Peer}), to play the server byte by byte. A client
 * from {@link #client()} resolves every host to 127.0.0.1 without a lookup, uses no proxy and gets
 * its sockets here, so OkHttp's real HTTP and WebSocket code runs without a socket.
 */
final class InMemorySockets extends SocketFactory {

    private static final long PIPE_BYTES = 1 << 20;

    /** The server's end of one socket. */
    static final class Peer {
        /** What the client wrote. */
        final BufferedSource fromClient;
        /** What the client will read. */
        final BufferedSink toClient;
        private final PipeImpl impl;

        Peer(PipeImpl impl) {
            this.impl = impl;
            this.fromClient = Okio.buffer(impl.clientToServer.source());
            this.toClient = Okio.buffer(new ForwardingSink(impl.serverToClient.sink()) {
                // As on TCP, what is written to a socket the client has closed is lost, not an error here.
                @Override
                public void write(Buffer source, long byteCount) throws IOException {
                    try {
                        super.write(source, byteCount);
                    } catch (IOException e) {
                        dropIfClientClosed(source, byteCount, e);
                    }
                }

                @Override
                public void flush() throws IOException {
                    try {
                        super.flush();
                    } catch (IOException e) {
                        dropIfClientClosed(null, 0, e);
                    }
                }
            });
            fromClient.timeout().timeout(10, TimeUnit.SECONDS);
        }

        private void dropIfClientClosed(Buffer source, long byteCount, IOException e) throws IOException {
            if (!impl.closed && !impl.inputShut) {
                throw e;
            }
            if (source != null) {
                source.skip(Math.min(byteCount, source.size()));
            }
        }

        /** Ends what the client reads (a TCP FIN from the server). */
        void closeToClient() throws IOException {
            toClient.close();
        }

        /** Whether the client closed its socket. */
        boolean clientClosed() {
            return impl.closed;
        }
    }

    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();

    /** A client whose every connection is one of these sockets. */
    OkHttpClient client() {
        return new OkHttpClient.Builder()
                .socketFactory(this)
                .proxy(Proxy.NO_PROXY)
                .dns(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
                .build();
    }

    /** The server's end of the next socket the client opens, waiting up to 10 s for it. */
    Peer accept() throws InterruptedException {
        Peer peer = peers.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("the client opened no socket");
        }
        return peer;
    }

    @Override
    public Socket createSocket() throws IOException {
        PipeImpl impl = new PipeImpl();
        peers.add(new Peer(impl));
        return new PipeSocket(impl);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
    }

    /** A {@link Socket} on a {@link PipeImpl} (the constructor that takes an impl is protected). */
    private static final class PipeSocket extends Socket {
        PipeSocket(PipeImpl impl) throws SocketException {
            super(impl);
        }
    }

    /** The client's end: two pipes, options kept and ignored. */
    static final class PipeImpl extends SocketImpl {
        final Pipe clientToServer = new Pipe(PIPE_BYTES);
        final Pipe serverToClient = new Pipe(PIPE_BYTES);
        private final InputStream in = Okio.buffer(serverToClient.source()).inputStream();
        /** Unbuffered, as a socket's stream is: every write reaches the peer (a socket's flush does nothing). */
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                clientToServer.sink().write(new Buffer().write(bytes, offset, length), length);
                clientToServer.sink().flush();
            }
        };
        private int soTimeout;
        volatile boolean closed;
        /**
         * Set when the client shut its input down (okio does so when OkHttp closes a socket's source):
         * what the server still writes is then lost, as on TCP. Set before the pipe is cancelled, so a
         * write that fails on the cancelled pipe always sees it.
         */
        volatile boolean inputShut;

        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            connect(new InetSocketAddress(host, port), 0);
        }

        @Override
        protected void connect(InetAddress address, int port) {
            connect(new InetSocketAddress(address, port), 0);
        }

        @Override
        protected void connect(SocketAddress to, int timeout) {
            InetSocketAddress at = (InetSocketAddress) to;
            this.address = at.getAddress();
            this.port = at.getPort();
        }

        @Override
        protected void bind(InetAddress host, int port) {
        }

        @Override
        protected void listen(int backlog) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void accept(SocketImpl s) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected InputStream getInputStream() {
            return in;
        }

        @Override
        protected OutputStream getOutputStream() {
            return out;
        }

        @Override
        protected int available() {
            return 0;
        }

        /** The peer reads the end of the stream; a read blocked on this side fails at once, as on a closed socket. */
        @Override
        protected void close() throws IOException {
            closed = true;
            clientToServer.sink().close();
            serverToClient.cancel();
        }

        @Override
        protected void shutdownInput() {
            inputShut = true;
            serverToClient.cancel();
        }

        @Override
        protected void shutdownOutput() throws IOException {
            clientToServer.sink().close();
        }

        @Override
        protected void sendUrgentData(int data) {
        }

        @Override
        public void setOption(int optID, Object value) {
            if (optID == SocketOptions.SO_TIMEOUT) {
                soTimeout = (Integer) value;
            }
        }

        @Override
        public Object getOption(int optID) throws SocketException {
            return switch (optID) {
                case SocketOptions.SO_TIMEOUT -> soTimeout;
                case SocketOptions.SO_BINDADDR -> loopback();
                case SocketOptions.TCP_NODELAY, SocketOptions.SO_KEEPALIVE, SocketOptions.SO_OOBINLINE,
                     SocketOptions.SO_REUSEADDR -> Boolean.FALSE;
                case SocketOptions.SO_LINGER -> -1;
                case SocketOptions.SO_SNDBUF, SocketOptions.SO_RCVBUF -> (int) PIPE_BYTES;
                default -> throw new SocketException("option " + optID + " not supported in memory");
            };
        }

        private static InetAddress loopback() throws SocketException {
            try {
                return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new SocketException(e.getMessage());
            }
        }
    }
}
