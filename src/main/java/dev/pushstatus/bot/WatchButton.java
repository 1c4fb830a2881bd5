package dev.pushstatus.bot;

import java.util.Map;
import java.util.Optional;

/**
 * The buttons of a watched card: Stop on a live card, Watch again on a final one. Like
 * {@link RefreshButton}, a clicked value is untrusted and parsed again. The watch is the clicked
 * card's; the id says which notification the card shows.
 */
public sealed interface WatchButton {

    /** Bumped when the values' shape changes, so that clicks on old cards are recognised. */
    String VERSION = "1";

    /** The value to put in the button. */
    Map<String, String> value();

    /** The notification the card shows. */
    String notificationId();

    /** Calls the method of {@code cases} that names this button. */
    <R> R accept(Cases<R> cases);

    /** One method per button. */
    interface Cases<R> {
        R stop(Stop stop);

        R again(Again again);
    }

    /** Ends the watch of the clicked card. */
    record Stop(String notificationId) implements WatchButton {
        static final String COMMAND = "watch-stop";

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.stop(this);
        }

        @Override
        public Map<String, String> value() {
            return Map.of("cmd", COMMAND, "id", notificationId, "v", VERSION);
        }
    }

    /** Starts the watch of the clicked card again, for the default duration. */
    record Again(String notificationId) implements WatchButton {
        static final String COMMAND = "watch-again";

        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.again(this);
        }

        @Override
        public Map<String, String> value() {
            return Map.of("cmd", COMMAND, "id", notificationId, "v", VERSION);
        }
    }

    /** The watch button a clicked value names, if it is a well-formed one of ours. */
    public static Optional<WatchButton> parse(Map<String, String> value) {
        if (!VERSION.equals(value.get("v"))) {
            return Optional.empty();
        }
        String cmd = value.get("cmd");
        String id = value.get("id");
        if (!CommandParser.isNotificationId(id)) {
            return Optional.empty();
        }
        if (Stop.COMMAND.equals(cmd)) {
            return Optional.of(new Stop(id));
        }
        return Again.COMMAND.equals(cmd) ? Optional.of(new Again(id)) : Optional.empty();
    }
}
