package dev.pushstatus.bot;

import org.jspecify.annotations.Nullable;

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

        R watching(Watching watching);

        R notAllowed(NotAllowed notAllowed);

        R unknownButton(UnknownButton unknownButton);

        R busy(Busy busy);
    }

    /**
     * Fresh data: the card is replaced in place and a toast says when it was fetched.
     *
     * @param live the watch of the clicked card, when it is live: the new card stays live
     */
    record Refreshed(LookupResult.Found found, WatchView.@Nullable Live live) implements ClickAnswer {

        public Refreshed(LookupResult.Found found) {
            this(found, null);
        }

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

    /**
     * Stop or Watch again was pressed: the card shows the watch's new state (final, live again, or
     * why it could not start again).
     *
     * @param found the notification; null when it could not be looked up (the card then says only the watch's state)
     */
    record Watching(String notificationId, LookupResult.@Nullable Found found, WatchView view) implements ClickAnswer {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.watching(this);
        }

        @Override
        public String label() {
            return view.accept(new WatchView.Cases<>() {
                @Override
                public String live(WatchView.Live live) {
                    return "watching";
                }

                @Override
                public String ended(WatchView.Ended ended) {
                    return "stopped";
                }

                @Override
                public String refused(WatchView.Refused refused) {
                    return "refused";
                }
            });
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
