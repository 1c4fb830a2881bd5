package dev.pushstatus.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every line logged while one event is handled, on whichever thread, carries its message_id and event_id. */
class LogContextIT {

    @Test
    void linesFromTheWorkerAndTheLookupThreadCarryTheEventsIds() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        EventFactory.Message message = EventFactory.Message.p2p("/push-status 6981801914270744596");
        try (BotHarness h = BotHarness.encrypted()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                h.sim.inject(Fault.Endpoint.HELPDESK, Fault.error(500, 155000, "Internal error"));
            }
            assertThat(h.deliver(message)).isEqualTo(200);
            h.sim.awaitReplies(1, Duration.ofSeconds(5));
        } finally {
            root.detachAppender(captured);
        }
        List<ILoggingEvent> lookupFailure = captured.list.stream()
                .filter(e -> e.getFormattedMessage().contains("helpdesk lookup failed")).toList();
        List<ILoggingEvent> outcome = captured.list.stream()
                .filter(e -> e.getFormattedMessage().contains("outcome=replied")).toList();
        assertThat(lookupFailure).hasSize(1);
        assertThat(outcome).hasSize(1);
        assertThat(lookupFailure.get(0).getThreadName()).isNotEqualTo(outcome.get(0).getThreadName());
        for (ILoggingEvent line : List.of(lookupFailure.get(0), outcome.get(0))) {
            assertThat(line.getMDCPropertyMap()).containsEntry("message_id", message.messageId())
                    .hasEntrySatisfying("event_id", id -> assertThat(id).hasSize(32));
        }
    }
}
