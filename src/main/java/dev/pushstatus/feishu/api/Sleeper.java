package dev.pushstatus.feishu.api;

import java.time.Duration;

/** Waits between tries; tests pass one that moves their clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
