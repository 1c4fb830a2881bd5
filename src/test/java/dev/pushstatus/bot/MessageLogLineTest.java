package dev.pushstatus.bot;

import dev.pushstatus.store.MemoryDedupe;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The one log line per message, word for word, which operators and the ITs read: an ignored
 * message says why, a handled one names its command, outcome and how long it took; a stack
 * overflow is logged as one short entry (its trace would be a thousand identical frames).
 */
class MessageLogLineTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(MessageHandler.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Replier replier = (message, reply, uuid) -> new Replier.SendResult.Sent("om_reply");

    @BeforeEach
    void listens() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopsListening() {
        logger.detachAppender(lines);
    }

    /** A handler whose clock stands still at 5 s past the epoch: every handling takes 0 ms. */
    private MessageHandler handler() {
        NotificationCache cache = new NotificationCache(id -> NotificationCacheTest.found(), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Runnable::run, new FakeTicker());
        return new MessageHandler(CommandRegistry.standard(), AccessGate.open(),
                new MemoryDedupe(Duration.ofHours(8), 1_000, new FakeTicker()), cache,
                (message, reply, uuid) -> replier.reply(message, reply, uuid), () -> Optional.of("ou_bot"),
                Runnable::run, Duration.ofSeconds(2), Clock.fixed(Instant.ofEpochSecond(5), ZoneOffset.UTC));
    }

    private static IncomingMessage message(String id, ChatType type, boolean fromUser, String text) {
        return new IncomingMessage(id, "oc_1", type, "ou_user", fromUser, "t1", "t1", text, Set.of());
    }

    private List<String> info() {
        return lines.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void anIgnoredMessageIsLoggedWithWhy() {
        handler().submit(message("om_1", ChatType.P2P, false, "/help")).join();
        handler().submit(message("om_2", ChatType.GROUP, true, "/help")).join();

        assertThat(info()).containsExactly(
                "message_id=om_1 chat_type=P2P command=- outcome=ignored detail=FROM_OTHER_BOT ms=0",
                "message_id=om_2 chat_type=GROUP command=- outcome=ignored detail=NOT_MENTIONED ms=0");
    }

    @Test
    void aHandledMessageIsLoggedWithItsCommandOutcomeAndTime() {
        MessageHandler handler = handler();

        handler.submit(message("om_1", ChatType.P2P, true, "/help")).join();
        handler.submit(message("om_2", ChatType.P2P, true, "/ps 12")).join();

        assertThat(info()).containsExactly(
                "message_id=om_1 chat_type=P2P command=help outcome=replied detail=- ms=0",
                "message_id=om_2 chat_type=P2P command=push-status outcome=replied detail=- ms=0");
    }

    @Test
    void aStackOverflowIsOneEntryNamingWhereWithoutItsTrace() {
        replier = (message, reply, uuid) -> {
            throw new StackOverflowError();
        };

        handler().submit(message("om_1", ChatType.P2P, true, "/help")).join();

        ILoggingEvent error = lines.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
        assertThat(error.getFormattedMessage())
                .matches("message_id=om_1 error_id=E-[0-9A-F]{6} unexpected failure: java.lang.StackOverflowError at .+");
        assertThat(error.getThrowableProxy()).isNull();
    }

    @Test
    void anyOtherBugIsLoggedWithItsTrace() {
        replier = (message, reply, uuid) -> {
            throw new IllegalStateException("bug");
        };

        handler().submit(message("om_1", ChatType.P2P, true, "/help")).join();

        ILoggingEvent error = lines.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
        assertThat(error.getFormattedMessage()).matches("message_id=om_1 error_id=E-[0-9A-F]{6} unexpected failure");
        assertThat(error.getThrowableProxy().getMessage()).isEqualTo("bug");
    }
}
