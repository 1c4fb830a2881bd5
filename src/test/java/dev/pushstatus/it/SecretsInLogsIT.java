package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A whole run, errors included, logged at DEBUG: no configured secret and no token appears. */
class SecretsInLogsIT {

    @Test
    void noSecretReachesTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        String log;
        BotHarness h = BotHarness.encrypted();
        try {
            h.deliver(EventFactory.Message.p2p("/push-status 6981801914270744596"));
            h.sim.inject(Fault.Endpoint.HELPDESK, Fault.error(500, 155000, "boom"));
            h.deliver(EventFactory.Message.p2p("/push-status 7301402215380811001"));
            h.sim.expireTokens();
            h.deliver(EventFactory.Message.p2p("/push-status 7301402215380811002"));
            h.deliver(EventFactory.Message.p2p("my phone is 13800138000, the password is hunter2"));
            h.deliver(EventFactory.Message.groupMention("/help call 13900139000"));
            h.post("/webhook/event", h.sealer.seal(h.events.cardAction(EventFactory.Click.on("om_sim_1",
                    java.util.Map.of("cmd", "refresh", "id", "6981801914270744596", "v", "1")))));
            h.sim.awaitReplies(5, Duration.ofSeconds(5));
        } finally {
            h.close();
            root.detachAppender(captured);
            root.setLevel(before);
            log = captured.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                    .collect(Collectors.joining("\n"));
        }
        assertThat(log).contains("outcome=replied");
        assertThat(log).doesNotContain(h.creds.appSecret(), h.creds.verificationToken(), h.creds.encryptKey(),
                h.creds.helpdeskToken(), "t-sim-");
        // The message text beyond the command word stays out of the log too.
        assertThat(log).doesNotContain("/push-status 6981801914270744596", "13800138000", "hunter2", "13900139000");
        assertThat(log).contains("button=refresh outcome=refreshed");
    }
}
