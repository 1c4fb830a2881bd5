package dev.pushstatus.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A bounded, self-stopping HTTP/1.1 load driver for loopback only: a fixed number of worker
 * threads, each holding one keep-alive connection, sending pre-built requests back to back (or
 * on a fixed schedule) until a request count or a time limit is reached, whichever comes first.
 * Every latency (request written to response fully read) is kept, so percentiles are exact.
 *
 * <p>Deliberately minimal (pre-serialised request bytes, no pooling, no TLS) so that on a
 * 2-core machine as little CPU as possible goes to the driver instead of the server.
 */
public final class HttpLoad {

    /** One request on the wire. */
    public record Req(byte[] bytes) {

        public static Req get(String path) {
            return new Req(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }

        public static Req post(String path, byte[] body, Map<String, String> headers) {
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nUser-Agent: bench\r\n")
                    .append("Content-Type: application/json; charset=utf-8\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return new Req(all);
        }

        /** The bytes after the blank line that ends the head: what the server reads as the body. */
        public int bodyLength() {
            for (int i = 0; i + 3 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return bytes.length - (i + 4);
                }
            }
            throw new IllegalStateException("no end of the request head");
        }
    }

    /** What one run measured. */
    public record Result(int connections, long sent, long ok, long notOk, long ioErrors, double seconds,
                         long[] latenciesNanos) {

        public double perSecond() {
            return ok / seconds;
        }

        /** The latency at quantile q (0..1) of the successful requests, in milliseconds. */
        public double percentileMillis(double q) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("connections", connections);
            m.put("sent", sent);
            m.put("ok", ok);
            m.put("not_ok", notOk);
            m.put("io_errors", ioErrors);
            m.put("seconds", seconds);
            m.put("per_second", perSecond());
            m.put("p50_ms", percentileMillis(0.50));
            m.put("p99_ms", percentileMillis(0.99));
            m.put("p999_ms", percentileMillis(0.999));
            m.put("max_ms", percentileMillis(1.0));
            return m;
        }
    }

    private final int port;

    public HttpLoad(int port) {
        this.port = port;
    }

    /**
     * Sends up to {@code maxRequests} requests over {@code connections} connections, closed loop
     * (each worker sends its next request when the answer to the last one is in), stopping at
     * {@code maxSeconds}. {@code requests.apply(i)} gives the i-th request.
     */
    public Result run(int connections, int maxRequests, double maxSeconds, IntFunction<Req> requests)
            throws InterruptedException {
        return run(connections, maxRequests, maxSeconds, requests, 0);
    }

    /**
     * As {@link #run(int, int, double, IntFunction)}; with {@code intervalNanos > 0} request i is
     * not sent before start + i * interval (an open-loop schedule, e.g. 10,000 over 10 s).
     */
    public Result run(int connections, int maxRequests, double maxSeconds, IntFunction<Req> requests,
                      long intervalNanos) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong notOk = new AtomicLong();
        AtomicLong ioErrors = new AtomicLong();
        long[][] perWorker = new long[connections][];
        int[] counts = new int[connections];
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            perWorker[w] = new long[Math.max(16, maxRequests / connections + 16)];
            Thread t = new Thread(() -> {
                Connection conn = null;
                try {
                    while (true) {
                        int i = next.getAndIncrement();
                        if (i >= maxRequests || System.nanoTime() >= deadline) {
                            break;
                        }
                        if (intervalNanos > 0) {
                            long due = start + i * intervalNanos;
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        Req req = requests.apply(i);
                        try {
                            if (conn == null) {
                                conn = new Connection(port);
                            }
                            long t0 = System.nanoTime();
                            int status = conn.exchange(req.bytes());
                            long took = System.nanoTime() - t0;
                            if (!conn.reusable) {
                                closeQuietly(conn);
                                conn = null;
                            }
                            if (status == 200) {
                                ok.incrementAndGet();
                                if (counts[worker] == perWorker[worker].length) {
                                    perWorker[worker] = Arrays.copyOf(perWorker[worker], counts[worker] * 2);
                                }
                                perWorker[worker][counts[worker]++] = took;
                            } else {
                                notOk.incrementAndGet();
                            }
                        } catch (IOException e) {
                            ioErrors.incrementAndGet();
                            closeQuietly(conn);
                            conn = null;
                        }
                    }
                } finally {
                    closeQuietly(conn);
                    done.countDown();
                }
            }, "loadgen-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = sortedLatencies(perWorker, counts);
        return new Result(connections, ok.get() + notOk.get() + ioErrors.get(), ok.get(), notOk.get(),
                ioErrors.get(), seconds, all);
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            conn.close();
        }
    }

    /** One keep-alive connection to 127.0.0.1. */
    static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] line = new byte[8192];
        private boolean reusable = true;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        /** Writes the request, reads the whole response; returns the status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = readLine();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while ((header = readLine()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (header == null) {
                throw new IOException("connection closed in headers");
            }
            if (chunked) {
                while (true) {
                    String size = readLine();
                    if (size == null) {
                        throw new IOException("connection closed in chunks");
                    }
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        String trailer;
                        while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                            // trailers ignored
                        }
                        break;
                    }
                    skip(n);
                    readLine();
                }
            } else if (length > 0) {
                skip(length);
            }
            reusable = !close;
            return code;
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in body");
                    }
                    s = 1;
                }
                left -= s;
            }
        }

        private String readLine() throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    return new String(line, 0, end, StandardCharsets.ISO_8859_1);
                }
                if (n < line.length) {
                    line[n++] = (byte) b;
                }
            }
            return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Every worker's recorded latencies in one sorted array (the first counts[w] of worker w). */
    static long[] sortedLatencies(long[][] perWorker, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int w = 0; w < counts.length; w++) {
            System.arraycopy(perWorker[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return all;
    }
}
