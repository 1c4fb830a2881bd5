package dev.pushstatus.bot;

/** What the bot answers to a button click: a new card, or only a short toast. */
public sealed interface ClickAnswer {

    /** Calls the method of {@code cases} that names this answer. */
    <R> R accept(Cases<R> cases);

    /** A short lower-case name for logs and metrics. */
    String label();

    /** One method per kind of answer. */
    interface Cases<R> {
        R refreshed(Refreshed refreshed);

        R refreshFailed(RefreshFailed refreshFailed);

        R notAllowed(NotAllowed notAllowed);

        R unknownButton(UnknownButton unknownButton);

        R busy(Busy busy);
    }

    /** Fresh data: the card is replaced in place and a toast says when it was fetched. */
    record Refreshed(LookupResult.Found found) implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.refreshed(this);
        }

        @Override
        public String label() {
            return "refreshed";
        }
    }

    /** The refresh failed; the card stays as it was and the toast says why. */
    record RefreshFailed(String notificationId, LookupResult.Failure failure) implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.refreshFailed(this);
        }

        @Override
        public String label() {
            return "failed";
        }
    }

    /** The clicker may not use the bot. */
    record NotAllowed() implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.notAllowed(this);
        }

        @Override
        public String label() {
            return "refused";
        }
    }

    /** A value the bot does not recognise (an old or forged card); nothing happens. */
    record UnknownButton() implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.unknownButton(this);
        }

        @Override
        public String label() {
            return "ignored";
        }
    }

    /** The click could not be handled in time (work queue full, or past the answer budget); the card stays. */
    record Busy() implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.busy(this);
        }

        @Override
        public String label() {
            return "busy";
        }
    }
}
