package dev.pushstatus.feishu.event;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shape of the ids Feishu puts in events (om_..., oc_..., event ids, callback tokens):
 * letters, digits, '_' and '-', at most 128 characters. An id from an event goes into URLs and
 * log lines, so one of any other shape ("..", a newline, 100,000 characters) is never used.
 */
public final class FeishuIds {

    static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private FeishuIds() {
    }

    /** Whether the text is shaped like a Feishu id. */
    public static boolean wellFormed(@Nullable String id) {
        return id != null && id.length() <= MAX_LENGTH && SHAPE.matcher(id).matches();
    }

    /** The id when well formed, else null: for ids the bot can do without (logs, dedupe keys). */
    static @Nullable String orNull(@Nullable String id) {
        return wellFormed(id) ? id : null;
    }
}
