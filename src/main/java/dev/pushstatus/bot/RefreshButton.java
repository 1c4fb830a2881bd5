package dev.pushstatus.bot;

import java.util.Map;
import java.util.Optional;

/**
 * The Refresh button's value: what the card puts in it and what a click must bring back.
 *
 * <p>It carries only the notification id and a version, and nothing in it is trusted: a click
 * is parsed again (the id must still be 1 to 32 digits) and checked like a message.
 */
public record RefreshButton(String notificationId) {

    static final String COMMAND = "refresh";
    /** Bumped when the value's shape changes, so that clicks on old cards are recognised. */
    static final String VERSION = "1";

    /** The value to put in the button. */
    public Map<String, String> value() {
        return Map.of("cmd", COMMAND, "id", notificationId, "v", VERSION);
    }

    /** The refresh a clicked value asks for, if it is a well-formed one of ours. */
    public static Optional<RefreshButton> parse(Map<String, String> value) {
        if (!COMMAND.equals(value.get("cmd")) || !VERSION.equals(value.get("v"))) {
            return Optional.empty();
        }
        String id = value.get("id");
        return CommandParser.isNotificationId(id) ? Optional.of(new RefreshButton(id)) : Optional.empty();
    }
}
