package dev.pushstatus.feishu.event;

import org.jspecify.annotations.Nullable;

/**
 * The shape of the ids Feishu puts in events (om_..., oc_..., event ids, callback tokens):
 * letters, digits, '_' and '-', at most 128 characters. An id from an event goes into URLs and
 * log lines, so one of any other shape ("..", a newline, 100,000 characters) is never used.
 */
public final class FeishuIds {

    static final int MAX_LENGTH = 128;

    private FeishuIds() {
    }

    /** Whether the text is shaped like a Feishu id. */
    public static boolean wellFormed(@Nullable String id) {
        // [A-Za-z0-9_-]{1,128}, checked by hand: a regex match was a tenth of decoding an event
        // (docs/benchmarks.md), and every event checks two or three ids.
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The id when well formed, else null: for ids the bot can do without (logs, dedupe keys). */
    static @Nullable String orNull(@Nullable String id) {
        return wellFormed(id) ? id : null;
    }
}
