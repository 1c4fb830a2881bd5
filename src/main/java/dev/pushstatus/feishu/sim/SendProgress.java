package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's "send it now": a notification whose push starts at once and goes out over
 * {@link #SENDING_FOR}, with reads following, so that a watched card can be seen to change by itself.
 * The counts are worked out from the clock each time the notification is read, and written back to
 * the fixture so the helpdesk panel shows them too.
 */
final class SendProgress {

    /** From the send time to delivered to everyone. */
    static final Duration SENDING_FOR = Duration.ofSeconds(60);
    /** Reads start this long after the send time and reach {@link #READ_SHARE} of the target after {@link #READING_FOR}. */
    static final Duration READS_AFTER = Duration.ofSeconds(10);
    static final Duration READING_FOR = Duration.ofSeconds(120);
    static final double READ_SHARE = 0.6;

    private final Clock clock;
    private final Map<String, Instant> startedAt = new HashMap<>();

    SendProgress(Clock clock) {
        this.clock = clock;
    }

    /** Starts sending the notification now: send time now, nothing sent or read yet. */
    synchronized void start(String id, NotificationFixtures fixtures) {
        Instant now = clock.instant();
        startedAt.put(id, now);
        fixtures.update(id, data -> {
            ObjectNode n = (ObjectNode) data.path("notification");
            n.put("send_at", String.valueOf(now.toEpochMilli()));
            n.put("sent_user_count", 0);
            n.put("read_user_count", 0);
            if (!n.path("target_user_count").isIntegralNumber() || n.path("target_user_count").asInt() <= 0) {
                n.put("target_user_count", 1_000);
            }
            return data;
        });
    }

    /** Brings the notification's counts up to the clock, if it is being sent. */
    synchronized void advance(String id, NotificationFixtures fixtures) {
        Instant start = startedAt.get(id);
        if (start == null) {
            return;
        }
        double elapsed = Math.max(0, Duration.between(start, clock.instant()).toMillis() / 1000.0);
        fixtures.update(id, data -> {
            ObjectNode n = (ObjectNode) data.path("notification");
            int target = n.path("target_user_count").asInt(0);
            int sent = (int) Math.min(target, Math.round(target * elapsed / SENDING_FOR.toSeconds()));
            double reading = Math.max(0, elapsed - READS_AFTER.toSeconds()) / READING_FOR.toSeconds();
            int read = (int) Math.min(sent, Math.round(target * READ_SHARE * Math.min(1, reading)));
            n.put("sent_user_count", sent);
            n.put("read_user_count", read);
            return data;
        });
        if (elapsed > READS_AFTER.plus(READING_FOR).toSeconds()) {
            startedAt.remove(id); // done: the counts stand from now on
        }
    }
}
