package dev.pushstatus.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package that {@code scripts/ensure-redis} installs) on a
 * free loopback port, with no persistence: for the tests that need Redis's own behaviour (Lua,
 * TTLs, atomicity) rather than a stand-in. It can be stopped and started again on the same port, as
 * an outage and a recovery look to the bot.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final boolean tls;
    private final List<String> extraArgs;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;

    private RedisServer(int port, boolean tls, List<String> extraArgs) {
        this.port = port;
        this.tls = tls;
        this.extraArgs = extraArgs;
    }

    /** Starts a server on a free port. */
    public static RedisServer start(String... extraArgs) throws Exception {
        RedisServer server = new RedisServer(freePort(), false, List.of(extraArgs));
        server.startAgain();
        return server;
    }

    /** Starts a server that speaks TLS only, with this certificate and key (clients need no certificate). */
    public static RedisServer startTls(java.nio.file.Path cert, java.nio.file.Path key) throws Exception {
        RedisServer server = new RedisServer(freePort(), true, List.of("--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no"));
        server.startAgain();
        return server;
    }

    /** Starts (again) on the same port, empty. */
    public synchronized void startAgain() throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", tls ? "0" : Integer.toString(port),
                "--tls-port", tls ? Integer.toString(port) : "0",
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice"));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed: run scripts/ensure-redis (scripts/test does)", e);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("redis-server ended: " + output));
        }, "redis-server-output");
        reader.setDaemon(true);
        reader.start();
        ready.get(10, TimeUnit.SECONDS);
    }

    /** Stops the server at once (SIGKILL), as a crash or a cut network looks to a client. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as a hung host or a black hole. */
    public synchronized void freeze() throws Exception {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, or {@code rediss://} for a TLS server. */
    public String url() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
