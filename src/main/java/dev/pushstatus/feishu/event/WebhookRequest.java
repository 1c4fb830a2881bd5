package dev.pushstatus.feishu.event;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A webhook call as received: the raw body (signatures cover these exact bytes) and its headers. */
public record WebhookRequest(byte[] body, Map<String, String> headers) {

    public WebhookRequest {
        // A loop, not a stream: this runs for every request (docs/benchmarks.md). First name wins.
        Map<String, String> lower = new HashMap<>(headers.size() * 2);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            lower.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        headers = Collections.unmodifiableMap(lower);
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
