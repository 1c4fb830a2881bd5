package dev.pushstatus.bot;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a click on a card button: today the Refresh button.
 *
 * <p>Feishu wants the answer to a card callback within 3 s, and the answer itself carries the
 * new card, so this works synchronously within the lookup timeout. The clicker passes the same
 * checks as someone sending a message (own tenant, allowlists), and the button's value is
 * parsed as untrusted input.
 */
public final class ClickHandler {

    private static final Logger log = LoggerFactory.getLogger(ClickHandler.class);

    private final AccessPolicy access;
    private final NotificationCache cache;
    private final Duration lookupTimeout;
    private final Clock clock;

    public ClickHandler(AccessPolicy access, NotificationCache cache, Duration lookupTimeout, Clock clock) {
        this.access = access;
        this.cache = cache;
        this.lookupTimeout = lookupTimeout;
        this.clock = clock;
    }

    /** Answers the click; never throws for upstream trouble. */
    public ClickAnswer handle(ButtonClick click) {
        long start = clock.millis();
        ClickAnswer answer;
        String detail;
        Optional<RefreshButton> refresh = RefreshButton.parse(click.value());
        if (click.fromExternalTenant()) {
            answer = new ClickAnswer.NotAllowed();
            detail = "operator from another tenant";
        } else if (!access.allows(click.chatId(), click.operatorOpenId())) {
            answer = new ClickAnswer.NotAllowed();
            detail = "not on the allowlist";
        } else if (refresh.isEmpty()) {
            answer = new ClickAnswer.UnknownButton();
            detail = "unrecognised button value";
        } else {
            String id = refresh.get().notificationId();
            LookupResult result = cache.refresh(id, lookupTimeout);
            answer = result instanceof LookupResult.Found found
                    ? new ClickAnswer.Refreshed(found)
                    : new ClickAnswer.RefreshFailed(id, (LookupResult.Failure) result);
            detail = result.getClass().getSimpleName();
        }
        log.info("message_id={} button=refresh outcome={} detail={} ms={}",
                click.messageId(), answer.label(), detail, clock.millis() - start);
        return answer;
    }
}
