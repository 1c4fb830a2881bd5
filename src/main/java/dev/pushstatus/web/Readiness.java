package dev.pushstatus.web;

import java.util.Map;

/** What {@code /readyz} reports: each check by name, ready when all pass. */
@FunctionalInterface
public interface Readiness {

    /** The checks, e.g. {@code tenant_token -> true}, in a stable order. */
    Map<String, Boolean> checks();
}
