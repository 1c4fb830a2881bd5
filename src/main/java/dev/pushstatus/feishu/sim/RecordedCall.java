package dev.pushstatus.feishu.sim;

import java.time.Instant;
import java.util.Map;

/** One call the simulator received; header names are lower case. */
public record RecordedCall(String method, String path, String query, Map<String, String> headers, String body,
                           Instant at) {

    public RecordedCall {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
