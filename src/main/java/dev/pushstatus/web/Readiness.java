package dev.pushstatus.web;

import java.util.Map;

/** What {@code /readyz} reports: each check by name, ready when all pass. */
@FunctionalInterface
public interface Readiness {

    /** The checks, e.g. {@code tenant_token -> true}, in a stable order. */
    Map<String, Boolean> checks();

    /**
     * What works less well than it should without stopping the bot from serving (e.g. shared state
     * unreachable, answered from this process's memory): shown under {@code degraded}, never a 503.
     */
    default Map<String, String> degraded() {
        return Map.of();
    }
}
