package dev.pushstatus.feishu.sim;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An event as Feishu puts it on the wire: the exact body bytes and the headers. */
public record SealedRequest(byte[] body, Map<String, String> headers) {

    public SealedRequest {
        headers = Map.copyOf(headers);
    }

    /** A one-line, copy-pasteable curl command that sends this request and prints the whole answer. */
    public String toCurl(String url) {
        return toCurl(url, "-s -i");
    }

    /** As {@link #toCurl(String)}, with these curl options (already shell-safe) instead of {@code -s -i}. */
    public String toCurl(String url, String options) {
        StringBuilder curl = new StringBuilder("curl ").append(options).append(" -X POST ").append(quote(url))
                .append(" -H ").append(quote("Content-Type: application/json; charset=utf-8"));
        headers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(h -> curl.append(" -H ").append(quote(h.getKey() + ": " + h.getValue())));
        return curl.append(" --data-binary ").append(quote(new String(body, StandardCharsets.UTF_8))).toString();
    }

    /** Single-quotes for a POSIX shell; a quote inside becomes '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
