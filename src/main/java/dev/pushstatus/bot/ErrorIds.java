package dev.pushstatus.bot;

import java.util.concurrent.ThreadLocalRandom;

/** Short ids that tie an error card to its log line ("error E-3F9A1C"). */
public final class ErrorIds {

    private ErrorIds() {
    }

    /** A new random error id; unique enough to grep a day of logs. */
    public static String next() {
        return String.format("E-%06X", ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
