package dev.pushstatus.bot;

import java.time.Duration;
import java.util.Optional;

/**
 * Port: the helpdesk GET's budget (Feishu allows 100 a minute per app). Kept in this process by
 * default, and shared by all replicas of one app when the bot has a Redis.
 */
public interface CallBudget {

    /** Takes a permit if one is free now; otherwise says how long until the next one frees. */
    Optional<Duration> tryAcquire();

    /** Grants nothing for this long: Feishu said so (a 429 and its reset header). */
    void blockFor(Duration duration);
}
