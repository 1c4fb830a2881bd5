package dev.pushstatus.app;

import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.api.ApiTimeouts;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.ws.ClientConfig;
import dev.pushstatus.feishu.ws.EndpointCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * {@code java -jar push-status-bot.jar doctor}: checks the configuration against the live tenant
 * step by step, one line per check with the fix for a failure; non-zero exit if any fails.
 */
final class Doctor {

    /** An id no helpdesk has: a lookup that answers 154004 proves the helpdesk accepted our credentials. */
    static final String PROBE_ID = "1";

    private final Config config;
    private final String publicUrl;
    private final PrintStream out;
    private int failures;

    Doctor(Config config, String publicUrl, PrintStream out) {
        this.config = config;
        this.publicUrl = publicUrl;
        this.out = out;
    }

    /** Runs every check; returns the process exit code (0 all fine, 1 some failed). */
    int run() {
        FeishuClient client = FeishuClients.forConfig(config, Clock.systemUTC(), new SimpleMeterRegistry());
        pass("configuration read (base URL " + config.baseUrl() + ", app " + config.appId() + ")");

        Optional<String> tokenProblem = client.tokenProblem();
        if (tokenProblem.isPresent()) {
            fail("tenant access token not obtained: " + tokenProblem.get(),
                    "check FEISHU_APP_ID and FEISHU_APP_SECRET (Credentials & Basic Info) and FEISHU_BASE_URL "
                            + "(https://open.larksuite.com for Lark)");
            skip("bot info", "needs a token");
            skip("helpdesk authorization", "needs a token");
        } else {
            pass("tenant access token obtained");
            checkBotInfo(client);
            checkHelpdesk(client);
        }
        if (config.eventMode() == EventMode.WEBSOCKET) {
            checkLongConnection();
        } else {
            checkPublicUrl();
        }
        out.println(failures == 0 ? "doctor: all checks passed" : "doctor: " + failures + " check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private void checkBotInfo(FeishuClient client) {
        Optional<String> openId = client.botOpenId();
        if (openId.isPresent()) {
            pass("bot info: open_id " + openId.get());
        } else {
            fail("bot info not obtained", "enable the Bot capability for the app, then publish a new version");
        }
    }

    private void checkHelpdesk(FeishuClient client) {
        client.fetch(PROBE_ID).accept(new LookupResult.Cases<Void>() {
            @Override
            public Void found(LookupResult.Found found) {
                pass("helpdesk authorization accepted (the probe id answered)");
                return null;
            }

            @Override
            public Void notFound(LookupResult.NotFound notFound) {
                pass("helpdesk authorization accepted (lookup of a missing id answered 154004 not found)");
                return null;
            }

            @Override
            public Void forbidden(LookupResult.Forbidden forbidden) {
                fail("helpdesk refused the bot: code " + forbidden.code() + " (" + forbidden.upstreamMessage() + ")",
                        forbidden.code() == 154003
                                ? "add the helpdesk:all:readonly scope and publish a new version"
                                : "check FEISHU_HELPDESK_ID and FEISHU_HELPDESK_TOKEN; the app and the helpdesk must be "
                                        + "in the same tenant");
                return null;
            }

            @Override
            public Void rateLimited(LookupResult.RateLimited limited) {
                fail("helpdesk lookup rate limited", "wait " + limited.retryAfter().toSeconds() + " s and run doctor again");
                return null;
            }

            @Override
            public Void unavailable(LookupResult.Unavailable unavailable) {
                fail("helpdesk did not answer: " + unavailable.reason() + " (" + unavailable.errorId() + ")",
                        "check the network path to " + config.baseUrl() + " and try again");
                return null;
            }
        });
    }

    /** The long connection: the endpoint call, then one handshake to the URL it gives, closed at once. */
    private void checkLongConnection() {
        OkHttpClient http = FeishuClient.httpClient(ApiTimeouts.defaults()).newBuilder()
                .callTimeout(EndpointCall.TIMEOUT).readTimeout(EndpointCall.TIMEOUT).build();
        EndpointCall.Result result = new EndpointCall(http, HttpUrl.get(config.baseUrl().toString()), config.appId(),
                config.appSecret(), FeishuJson.newMapper()).fetch(ClientConfig.defaults());
        result.accept(new EndpointCall.Result.Cases<Void>() {
            @Override
            public Void url(EndpointCall.Result.Url answer) {
                pass("long connection endpoint answered (" + EndpointCall.describe(answer.url()) + ")");
                handshake(http, answer.url());
                return null;
            }

            @Override
            public Void tryLater(EndpointCall.Result.TryLater later) {
                fail("long connection endpoint did not answer usefully: " + later.reason(),
                        "check the network path to " + config.baseUrl() + " and try again");
                return null;
            }

            @Override
            public Void misconfigured(EndpointCall.Result.Misconfigured misconfigured) {
                fail("long connection endpoint refused the app: " + misconfigured.whatToFix(),
                        "check FEISHU_APP_ID and FEISHU_APP_SECRET; the long connection needs a self-built app");
                return null;
            }
        });
    }

    private void handshake(OkHttpClient http, HttpUrl url) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                outcome.complete("");
                webSocket.close(1000, "doctor");
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                outcome.complete(response == null ? String.valueOf(t.getMessage())
                        : "HTTP " + response.code() + " " + String.valueOf(response.header("handshake-msg", ""))
                                + " (autherrcode " + response.header("handshake-autherrcode", "-") + ")");
            }
        });
        try {
            String problem = outcome.get(EndpointCall.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (problem.isEmpty()) {
                pass("long connection handshake accepted (closed again at once)");
            } else {
                fail("long connection handshake refused: " + problem, problem.contains("1000040350")
                        ? "the app has 50 long connections open already: stop some (other replicas, old processes)"
                        : "check that the app may use the long connection (self-built, enabled)");
            }
        } catch (TimeoutException | ExecutionException e) {
            socket.cancel();
            fail("long connection handshake did not finish in " + EndpointCall.TIMEOUT.toSeconds() + " s",
                    "check the network path (outbound HTTPS and WebSocket to " + url.host() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkPublicUrl() {
        if (publicUrl == null || publicUrl.isBlank()) {
            skip("event URL", "set PUBLIC_URL (e.g. https://bot.example.com) to check it from here");
            return;
        }
        HttpUrl health = HttpUrl.parse(publicUrl.strip().replaceAll("/+$", "") + "/healthz");
        if (health == null) {
            fail("PUBLIC_URL \"" + publicUrl + "\" is not a URL", "use the https URL Feishu calls, without a path");
            return;
        }
        OkHttpClient http = FeishuClient.httpClient(ApiTimeouts.defaults());
        try (Response response = http.newCall(new Request.Builder().url(health).get().build()).execute()) {
            if (response.code() == 200) {
                pass("event URL reachable: " + health.newBuilder().encodedPath("/webhook/event").build());
            } else {
                fail(health + " answered " + response.code(), "point PUBLIC_URL's host at this bot's PORT");
            }
        } catch (IOException e) {
            fail(health + " unreachable: " + e.getMessage(), "start the bot and make the URL reachable over HTTPS");
        }
    }

    private void pass(String what) {
        out.println("[ok]   " + what);
    }

    private void skip(String what, String why) {
        out.println("[skip] " + what + ": " + why);
    }

    private void fail(String what, String fix) {
        failures++;
        out.println("[FAIL] " + what + "\n       fix: " + fix);
    }
}
