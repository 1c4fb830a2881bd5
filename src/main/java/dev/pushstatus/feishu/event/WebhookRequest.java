package dev.pushstatus.feishu.event;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A webhook call as received: the raw body (signatures cover these exact bytes) and its headers. */
public record WebhookRequest(byte[] body, Map<String, String> headers) {

    public WebhookRequest {
        headers = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> a));
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
