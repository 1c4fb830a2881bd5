package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.app.Application;
import dev.pushstatus.app.Config;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import dev.pushstatus.store.RedisServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of one app on one Redis, against one simulated Feishu: they behave as one bot. One
 * reply per message wherever its deliveries land, one helpdesk budget, one lookup per id, a replica
 * killed mid-lookup, Redis lost and found mid-run.
 */
class ReplicasIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    static final String HELPDESK = "/open-apis/helpdesk/v1/notifications/";
    static final String REPLY = "/open-apis/im/v1/messages/";
    static final Duration WAIT = Duration.ofSeconds(15);

    RedisServer redis;
    FeishuSimulator sim;
    EventFactory events;
    EventSealer sealer;
    final List<Application> replicas = new ArrayList<>();
    final List<BotProcess> processes = new ArrayList<>();
    final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        Clock clock = Clock.systemUTC();
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock), FeishuJson.newMapper(),
                clock).start(0);
        events = new EventFactory(creds, FeishuJson.newMapper(), clock);
        sealer = new EventSealer(creds, clock);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.forEach(Application::close);
        processes.forEach(BotProcess::close);
        sim.close();
        redis.close();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(sim.botEnvironment());
        env.put("PORT", "0");
        env.put("REDIS_URL", redis.url());
        return env;
    }

    String replica() throws Exception {
        Application app = Application.start(Config.fromEnv(env()));
        replicas.add(app);
        assertThat(app.awaitReady(Duration.ofSeconds(10))).isTrue();
        return "http://127.0.0.1:" + app.port();
    }

    int deliver(String to, EventFactory.Message message) throws IOException {
        SealedRequest sealed = sealer.seal(events.message(message));
        Request.Builder request = new Request.Builder().url(to + "/webhook/event")
                .post(RequestBody.create(sealed.body(), MediaType.get("application/json")));
        sealed.headers().forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            return response.code();
        }
    }

    CompletableFuture<Integer> deliverInBackground(String to, EventFactory.Message message) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(to, message);
            } catch (IOException connectionLost) {
                return -1;
            }
        });
    }

    /** Delivers until Feishu would stop: a 200, as Feishu redelivers any other answer. */
    void deliverUntilAcked(List<String> to, EventFactory.Message message) throws Exception {
        for (int attempt = 0; attempt < 40; attempt++) {
            if (deliver(to.get(attempt % to.size()), message) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no replica acked " + message.messageId());
    }

    long repliesTo(String messageId) {
        return sim.calls(REPLY).stream().filter(c -> c.path().equals(REPLY + messageId + "/reply")).count();
    }

    double metric(String url, String name) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url + "/metrics").build()).execute()) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
                    .matcher(response.body().string());
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    @Test
    void theSameMessageDeliveredToBothAtOnceGetsOneReply() throws Exception {
        List<String> both = List.of(replica(), replica());
        List<EventFactory.Message> messages = new ArrayList<>();
        List<CompletableFuture<Integer>> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
            messages.add(message);
            first.add(deliverInBackground(both.get(0), message));
            first.add(deliverInBackground(both.get(1), message));
        }
        CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).get();
        assertThat(first).allSatisfy(status -> assertThat(status.get()).isIn(200, 503));

        for (EventFactory.Message message : messages) {
            deliverUntilAcked(both, message); // Feishu's redeliveries of any that got 503
            deliver(both.get(0), message);
            deliver(both.get(1), message);
        }

        assertThat(sim.calls(REPLY)).hasSize(20);
        assertThat(messages).allSatisfy(m -> assertThat(repliesTo(m.messageId())).isEqualTo(1));
    }

    @Test
    void oneHundredTwentyIdsSpreadOverBothMakeAtMostOneHundredGets() throws Exception {
        List<String> both = List.of(replica(), replica());
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            all.add(deliverInBackground(both.get(i % 2),
                    EventFactory.Message.p2p("/push-status " + (7_000_000_000L + i))));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

        assertThat(sim.calls(HELPDESK)).as("helpdesk GETs from both replicas together").hasSize(100);
        assertThat(sim.awaitReplies(120, WAIT)).as("the other 20 are told to try again later").hasSize(120);
    }

    @Test
    void oneIdAskedOnBothAtOnceIsOneGet() throws Exception {
        List<String> both = List.of(replica(), replica());
        sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(600)));

        CompletableFuture<Integer> a = deliverInBackground(both.get(0), EventFactory.Message.p2p("/push-status " + SEED_ID));
        sim.awaitCalls(HELPDESK, 1, WAIT);
        CompletableFuture<Integer> b = deliverInBackground(both.get(1), EventFactory.Message.p2p("/push-status " + SEED_ID));

        assertThat(a.get()).isEqualTo(200);
        assertThat(b.get()).isEqualTo(200);
        assertThat(sim.awaitReplies(2, WAIT)).hasSize(2);
        assertThat(sim.calls(HELPDESK)).hasSize(1);

        deliver(both.get(1), EventFactory.Message.p2p("/push-status " + SEED_ID));
        deliver(both.get(0), EventFactory.Message.p2p("/push-status " + SEED_ID));
        assertThat(sim.calls(HELPDESK)).as("while fresh, either replica serves the shared copy").hasSize(1);
    }

    @Test
    void aReplicaKilledMidLookupLeavesTheMessageToTheOtherOnce() throws Exception {
        BotProcess doomed = BotProcess.start(sim, Map.of("REDIS_URL", redis.url(), "BOT_CLAIM_LEASE", "2s"));
        processes.add(doomed);
        String survivor = replica();
        sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofSeconds(5)));
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);

        deliverInBackground(doomed.url(), message);
        sim.awaitCalls(HELPDESK, 1, WAIT);
        doomed.kill();

        assertThat(deliver(survivor, message)).as("the dead replica's claim still holds").isEqualTo(503);
        Thread.sleep(2_200); // its lease runs out
        assertThat(deliver(survivor, message)).isEqualTo(200);
        deliver(survivor, message);

        assertThat(repliesTo(message.messageId())).isEqualTo(1);
    }

    @Test
    void redisStoppedAndStartedMidRunLosesNoMessageAndTheRecoveryShows() throws Exception {
        List<String> both = List.of(replica(), replica());
        List<EventFactory.Message> sent = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            if (phase == 1) {
                redis.kill();
            } else if (phase == 2) {
                redis.startAgain();
            }
            for (int i = 0; i < 10; i++) {
                EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
                sent.add(message);
                deliverUntilAcked(both, message);
            }
        }
        // A last message on each replica: its first Redis call after the restart is the one that finds it back.
        for (String replica : both) {
            EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
            sent.add(message);
            Thread.sleep(1_100); // past the link's pause between probes
            deliverUntilAcked(List.of(replica), message);
        }

        assertThat(sent).allSatisfy(m -> assertThat(repliesTo(m.messageId())).as(m.messageId()).isEqualTo(1));
        for (String replica : both) {
            assertThat(metric(replica, "pushbot_redis_up")).isEqualTo(1.0);
        }
        assertThat(metric(both.get(0), "pushbot_redis_recoveries_total") + metric(both.get(1),
                "pushbot_redis_recoveries_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(both.get(0), "pushbot_redis_failures_total") + metric(both.get(1),
                "pushbot_redis_failures_total")).isPositive();
    }

    @Test
    void whileRedisIsDownReadyzStays200AndSaysItIsDegraded() throws Exception {
        String url = replica();
        redis.kill();
        deliverUntilAcked(List.of(url), EventFactory.Message.p2p("/push-status " + SEED_ID));

        try (Response ready = http.newCall(new Request.Builder().url(url + "/readyz").build()).execute()) {
            String body = ready.body().string();
            assertThat(ready.code()).isEqualTo(200);
            assertThat(body).contains("\"degraded\"").contains("redis at 127.0.0.1:" + redis.port() + " unreachable");
        }
        assertThat(metric(url, "pushbot_redis_up")).isZero();
    }

    @Test
    void anUnreachableRedisStopsStartUpWithOneLineNamingIt() throws Exception {
        Map<String, String> env = new HashMap<>(sim.botEnvironment());
        env.put("PORT", "0");
        env.put("REDIS_URL", "redis://:hunter2@127.0.0.1:" + redis.port());
        redis.kill();

        BotProcess.Finished run = BotProcess.run(env, Duration.ofSeconds(30));

        assertThat(run.exitCode()).as("stdout:\n%s\nstderr:\n%s", run.out(), run.err()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("push-status-bot: could not start: REDIS_URL: cannot reach redis at 127.0.0.1:"
                + redis.port()).doesNotContain("\n").doesNotContain("hunter2");
        assertThat(run.out()).doesNotContain("hunter2");
    }

    /** Waits up to {@code seconds} for the simulator's count of card updates to reach {@code count}. */
    int awaitUpdates(int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (sim.updates() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return sim.updates();
    }

    void setReadCount(int read) {
        sim.fixtures().update(SEED_ID, data -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) data.path("notification")).put("read_user_count", read);
            return data;
        });
    }

    @Test
    void aWatchIsDrivenByOneReplicaAtATimeAndTakenOverWhenItsReplicaDies() throws Exception {
        Map<String, String> watchEvery10s = Map.of("REDIS_URL", redis.url(), "BOT_WATCH_INTERVAL", "10s");
        BotProcess doomed = BotProcess.start(sim, watchEvery10s);
        processes.add(doomed);
        Map<String, String> env = new HashMap<>(env());
        env.put("BOT_WATCH_INTERVAL", "10s");
        Application survivor = Application.start(Config.fromEnv(env));
        replicas.add(survivor);
        assertThat(survivor.awaitReady(Duration.ofSeconds(10))).isTrue();

        assertThat(deliver(doomed.url(), EventFactory.Message.groupMention("/pw " + SEED_ID))).isEqualTo(200);
        assertThat(sim.awaitReplies(1, WAIT)).hasSize(1);
        setReadCount(5);
        assertThat(awaitUpdates(1, 25)).as("one update; the first replica said:\n%s",
                String.join("\n", doomed.output())).isEqualTo(1);
        Thread.sleep(3_000); // both replicas tick every second: only one of them updated the card
        assertThat(sim.updates()).isEqualTo(1);

        doomed.kill();
        setReadCount(6);

        assertThat(awaitUpdates(2, 45)).as("the surviving replica drives the watch").isEqualTo(2);
        assertThat(sim.replies().get(0).content()).contains("**6**");
    }

    @Test
    void theKeysInRedisHoldNoSecretTokenOrMessageText() throws Exception {
        String url = replica();
        String text = "/push-status " + SEED_ID;
        deliverUntilAcked(List.of(url), EventFactory.Message.p2p(text));

        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.url());
        try (var connection = client.connect()) {
            var sync = connection.sync();
            List<String> keys = sync.keys("*");
            assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith("psb:" + sim.botEnvironment()
                    .get("FEISHU_APP_ID") + ":"));
            StringBuilder everything = new StringBuilder(String.join("\n", keys));
            for (String key : keys) {
                everything.append('\n').append("string".equals(sync.type(key)) ? sync.get(key)
                        : String.join(",", sync.zrange(key, 0, -1)));
            }
            Map<String, String> secrets = sim.botEnvironment();
            assertThat(everything.toString()).doesNotContain(secrets.get("FEISHU_APP_SECRET"))
                    .doesNotContain(secrets.get("FEISHU_HELPDESK_TOKEN")).doesNotContain(text)
                    .doesNotContain("t-sim-"); // the simulator's tenant access tokens
        } finally {
            client.shutdown();
        }
    }
}
