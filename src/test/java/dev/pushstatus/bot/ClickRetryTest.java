package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A click refused for a full queue is forgotten, so that Feishu's retry of it is handled once the
 * queue has room; and each handled click is one log line with how long it took.
 */
class ClickRetryTest {

    static final String ID = ClickHandlerTest.ID;

    final AtomicInteger upstreamCalls = new AtomicInteger();
    final FakeTicker ticker = new FakeTicker();
    final NotificationCache cache = new NotificationCache(id -> {
        upstreamCalls.incrementAndGet();
        return NotificationCacheTest.found();
    }, Duration.ofSeconds(30), Duration.ofSeconds(10), Runnable::run, ticker);
    final Clock clock = Clock.fixed(Instant.ofEpochSecond(5), ZoneOffset.UTC);

    ClickHandler handler(Executor executor) {
        return new ClickHandler(AccessGate.open(), cache, new RefreshAllowance(ticker), executor, Duration.ofSeconds(2),
                clock, ticker);
    }

    static ButtonClick click(String clickId) {
        return new ButtonClick("ou_user", "t1", "t1", "oc_g", "om_card", new RefreshButton(ID).value(), clickId);
    }

    @Test
    void theRetryOfAClickRefusedForAFullQueueIsHandledOnceThereIsRoom() {
        boolean[] full = {true};
        ClickHandler handler = handler(task -> {
            if (full[0]) {
                throw new RejectedExecutionException("full");
            }
            task.run();
        });

        assertThat(handler.submit(click("ev_1")).join()).isEqualTo(new ClickAnswer.Busy());
        full[0] = false;

        assertThat(handler.submit(click("ev_1")).join()).isInstanceOf(ClickAnswer.Refreshed.class);
        assertThat(upstreamCalls).hasValue(1);
        // and once handled, a further copy is answered as the first without work
        assertThat(handler.submit(click("ev_1")).join()).isInstanceOf(ClickAnswer.Refreshed.class);
        assertThat(upstreamCalls).hasValue(1);
    }

    @Test
    void eachHandledClickIsOneLogLineWithItsOutcomeAndTime() {
        Logger logger = (Logger) LoggerFactory.getLogger(ClickHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            handler(Runnable::run).handle(click("ev_1"));
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("message_id=om_card button=refresh outcome=refreshed detail=Found ms=0");
    }
}
