package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.Fault;
import dev.pushstatus.feishu.sim.FeishuSimulator;
import dev.pushstatus.feishu.sim.NotificationFixtures;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot as a real process: stopped with SIGTERM, killed with SIGKILL, started again; and the
 * jar's command line (--help, an unknown argument, doctor, a taken port) with its exit codes.
 */
class ProcessLifecycleIT {

    static final String SEED_ID = PushStatusIT.SEED_ID;
    static final String HELPDESK = "/open-apis/helpdesk/v1/notifications/";
    static final Duration WAIT = Duration.ofSeconds(15);

    FeishuSimulator sim;
    EventFactory events;
    EventSealer sealer;
    BotProcess bot;
    final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    @BeforeEach
    void startSimulator() {
        Clock clock = Clock.systemUTC();
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        sim = new FeishuSimulator(creds, NotificationFixtures.seeded(FeishuJson.newMapper(), clock), FeishuJson.newMapper(), clock)
                .start(0);
        events = new EventFactory(creds, FeishuJson.newMapper(), clock);
        sealer = new EventSealer(creds, clock);
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        sim.close();
    }

    private int deliver(BotProcess to, EventFactory.Message message) throws IOException {
        SealedRequest sealed = sealer.seal(events.message(message));
        Request.Builder request = new Request.Builder().url(to.url() + "/webhook/event")
                .post(RequestBody.create(sealed.body(), MediaType.get("application/json")));
        sealed.headers().forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            return response.code();
        }
    }

    private CompletableFuture<Integer> deliverInBackground(BotProcess to, EventFactory.Message message) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(to, message);
            } catch (IOException connectionLost) {
                return -1;
            }
        });
    }

    @Test
    void withLogFormatJsonTheShippedJarPrintsOneJsonObjectPerLineWithTheMessageId() throws Exception {
        bot = BotProcess.start(sim, java.util.Map.of("LOG_FORMAT", "json"));
        assertThat(deliver(bot, EventFactory.Message.p2p("/push-status " + SEED_ID))).isEqualTo(200);
        bot.terminate();
        assertThat(bot.awaitExit(WAIT)).isZero();

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (String line : bot.output()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("level").asText()).isIn("INFO", "WARN", "ERROR");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("formattedMessage").asText()).contains("command=push-status", "outcome=replied");
            assertThat(line.path("mdc").path("message_id").asText()).startsWith("om_");
        });
    }

    @Test
    void sigtermRefusesNewEventsFinishesTheOneInFlightAndExitsZero() throws Exception {
        bot = BotProcess.start(sim);
        EventFactory.Message first = EventFactory.Message.p2p("/push-status " + SEED_ID);
        sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofMillis(1_500)));
        CompletableFuture<Integer> inFlight = deliverInBackground(bot, first);
        sim.awaitCalls(HELPDESK, 1, WAIT);

        bot.terminate();
        bot.awaitLine("shutting down", WAIT);
        int refused = deliver(bot, EventFactory.Message.p2p("/push-status " + SEED_ID));

        assertThat(refused).as("a new event while draining").isEqualTo(503);
        assertThat(inFlight.get()).as("the event in flight is answered; bot output:\n%s", String.join("\n", bot.output())).isEqualTo(200);
        assertThat(bot.awaitExit(WAIT)).as("exit code").isZero();
        assertThat(sim.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.replyToMessageId()).isEqualTo(first.messageId()));
    }

    @Test
    void aCrashBetweenLookupAndReplyThenRestartAndRedeliveryGivesExactlyOneReply() throws Exception {
        bot = BotProcess.start(sim);
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        sim.inject(Fault.Endpoint.HELPDESK, Fault.delay(Duration.ofSeconds(2)));
        CompletableFuture<Integer> lost = deliverInBackground(bot, message);
        sim.awaitCalls(HELPDESK, 1, WAIT);

        bot.kill();
        assertThat(lost.get()).as("Feishu saw no 200").isNotEqualTo(200);
        assertThat(sim.replies()).isEmpty();
        bot = BotProcess.start(sim);

        assertThat(deliver(bot, message)).as("the redelivery").isEqualTo(200);
        assertThat(sim.replies()).hasSize(1);
    }

    @Test
    void aCrashAfterTheReplyBeforeThe200ThenRedeliveryGivesNoSecondReply() throws Exception {
        bot = BotProcess.start(sim);
        EventFactory.Message message = EventFactory.Message.p2p("/push-status " + SEED_ID);
        sim.inject(Fault.Endpoint.REPLY, Fault.delay(Duration.ofSeconds(1)));
        CompletableFuture<Integer> lost = deliverInBackground(bot, message);
        sim.awaitCalls("/open-apis/im/v1/messages/", 1, WAIT);

        bot.kill();
        assertThat(lost.get()).isNotEqualTo(200);
        assertThat(sim.awaitReplies(1, WAIT)).as("the reply reached Feishu before the crash").hasSize(1);
        bot = BotProcess.start(sim);

        assertThat(deliver(bot, message)).isEqualTo(200);
        assertThat(sim.calls("/open-apis/im/v1/messages/")).as("the new process sent the reply again").hasSize(2);
        assertThat(sim.replies()).as("Feishu dropped it by its uuid").hasSize(1);
    }

    @Test
    void helpPrintsTheUsageOnStdoutAndExits0AnUnknownArgumentOnStderrAndExits2() throws Exception {
        BotProcess.Finished help = BotProcess.run(Map.of("PORT", "0"), WAIT, "--help");
        assertThat(help.exitCode()).as("--help; stderr:\n%s", help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar push-status-bot.jar").contains("doctor", "FEISHU_APP_ID", "PORT");
        assertThat(help.err()).isEmpty();

        BotProcess.Finished bogus = BotProcess.run(Map.of("PORT", "0"), WAIT, "bogus");
        assertThat(bogus.exitCode()).as("bogus; stdout:\n%s", bogus.out()).isEqualTo(2);
        assertThat(bogus.err()).startsWith("push-status-bot: unknown argument: bogus\n").contains("Usage: java -jar");
        assertThat(bogus.out()).as("no bot was started").isEmpty();
    }

    @Test
    void doctorInSandboxModeExitsAsSoonAsItHasPrintedItsVerdict() throws Exception {
        BotProcess.Finished doctor = BotProcess.run(Map.of("PORT", "0"), Duration.ofSeconds(30), "doctor");
        assertThat(doctor.exitCode()).as("stdout:\n%s\nstderr:\n%s", doctor.out(), doctor.err()).isZero();
        assertThat(doctor.out()).contains("checking against the sandbox's simulated Feishu", "[ok]   tenant access token obtained",
                "doctor: all checks passed");
        // Before, the JVM lived on for 3-4 s after the verdict (Javalin's non-daemon 5 s check thread); now 20-40 ms.
        assertThat(doctor.exitedAfterLine("doctor: all checks passed")).as("verdict to exit; whole run %s", doctor.exitedAfter())
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aTakenPortStopsStartUpWithOneLineNamingThePortAndPortExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = String.valueOf(taken.getLocalPort());
            Map<String, String> live = new HashMap<>(sim.botEnvironment());
            live.put("PORT", port);
            for (Map<String, String> env : List.of(Map.of("PORT", port), live)) {
                BotProcess.Finished run = BotProcess.run(env, WAIT);
                String mode = env.containsKey("FEISHU_APP_ID") ? "with credentials" : "sandbox";
                assertThat(run.exitCode()).as("%s; stdout:\n%s\nstderr:\n%s", mode, run.out(), run.err()).isEqualTo(1);
                assertThat(run.err().lines()).as(mode).containsExactly("push-status-bot: could not start: port " + port
                        + " is already in use (set PORT to another port, or 0 for any free one)");
                assertThat(run.out()).as(mode).doesNotContain("Exception", "\tat ", "ERROR");
            }
        }
    }
}
