package dev.pushstatus.bot;

/** What the bot answers to a button click: a new card, or only a short toast. */
public sealed interface ClickAnswer {

    /** Fresh data: the card is replaced in place and a toast says when it was fetched. */
    record Refreshed(LookupResult.Found found) implements ClickAnswer {}

    /** The refresh failed; the card stays as it was and the toast says why. */
    record RefreshFailed(String notificationId, LookupResult.Failure failure) implements ClickAnswer {}

    /** The clicker may not use the bot. */
    record NotAllowed() implements ClickAnswer {}

    /** A value the bot does not recognise (an old or forged card); nothing happens. */
    record UnknownButton() implements ClickAnswer {}

    /** A short lower-case name for logs and metrics. */
    default String label() {
        if (this instanceof Refreshed) {
            return "refreshed";
        }
        if (this instanceof RefreshFailed) {
            return "failed";
        }
        if (this instanceof NotAllowed) {
            return "refused";
        }
        return "ignored";
    }
}
