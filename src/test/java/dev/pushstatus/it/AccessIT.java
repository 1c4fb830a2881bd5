package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pushstatus.feishu.sim.EventFactory;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Who may ask: the app's own tenant, and with allowlists set, the listed chats or users only. */
class AccessIT {

    BotHarness h;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        log.start();
        root.addAppender(log);
        h = BotHarness.withEnv(Map.of("BOT_ALLOWED_CHATS", "oc_ops", "BOT_ALLOWED_USERS", "ou_boss"));
        h.sim.reset();
    }

    @AfterEach
    void stop() {
        h.close();
        root.detachAppender(log);
    }

    private String logged() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void aRefusedUserGetsANotAllowedCardInADirectMessageAndTheLogSaysWhy() throws Exception {
        EventFactory.Message message = EventFactory.Message.p2p("/ps " + PushStatusIT.SEED_ID);

        assertThat(h.deliver(message)).isEqualTo(200);

        assertThat(h.sim.replies()).singleElement().satisfies(r -> assertThat(r.content()).contains("Not allowed"));
        assertThat(h.sim.calls("/open-apis/helpdesk")).isEmpty();
        assertThat(logged()).contains("message_id=" + message.messageId(), "outcome=refused detail=not on the allowlist");
    }

    @Test
    void inAGroupThatIsNotListedARefusalIsSilent() throws Exception {
        EventFactory.Message message = EventFactory.Message.groupMention("/ps " + PushStatusIT.SEED_ID);

        assertThat(h.deliver(message)).isEqualTo(200);

        assertThat(h.sim.replies()).isEmpty();
        assertThat(logged()).contains("message_id=" + message.messageId(), "outcome=refused");
    }

    @Test
    void aListedChatOrAListedUserIsAnswered() throws Exception {
        EventFactory.Message inOps = EventFactory.Message.groupMention("/ps " + PushStatusIT.SEED_ID);
        inOps = new EventFactory.Message(inOps.messageId(), "group", "oc_ops", inOps.senderOpenId(), "user", null,
                "text", inOps.text(), true);
        EventFactory.Message fromBoss = EventFactory.Message.p2p("/ps " + PushStatusIT.SEED_ID)
                .withSender("ou_boss", "user", null);

        assertThat(h.deliver(inOps)).isEqualTo(200);
        assertThat(h.deliver(fromBoss)).isEqualTo(200);

        assertThat(h.sim.replies()).hasSize(2).allSatisfy(r -> assertThat(r.content()).contains("测试推送任务"));
    }

    @Test
    void anExternalUserInAListedChatGetsNothingAboutInternalNotifications() throws Exception {
        EventFactory.Message guest = new EventFactory.Message(EventFactory.newMessageId(), "group", "oc_ops",
                "ou_guest", "user", "tenant-of-a-partner", "text", "/ps " + PushStatusIT.SEED_ID, true);

        assertThat(h.deliver(guest)).isEqualTo(200);

        assertThat(h.sim.replies()).isEmpty();
        assertThat(h.sim.calls("/open-apis/helpdesk")).isEmpty();
        assertThat(logged()).contains("message_id=" + guest.messageId(), "outcome=ignored detail=EXTERNAL_TENANT");
    }
}
