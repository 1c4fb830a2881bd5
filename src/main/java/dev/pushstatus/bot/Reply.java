package dev.pushstatus.bot;

import org.jspecify.annotations.Nullable;

/** What the bot answers to a message; the card adapter decides how it looks. */
public sealed interface Reply {

    /** Calls the method of {@code cases} that names this reply. */
    <R> R accept(Cases<R> cases);

    /** One method per kind of reply: a renderer implements all of them. */
    interface Cases<R> {
        R status(Status status);

        R watched(Watched watched);

        R lookupFailed(LookupFailed lookupFailed);

        R help(Help help);

        R usage(Usage usage);

        R notAllowed(NotAllowed notAllowed);
    }

    /** The status card of a notification. */
    record Status(LookupResult.Found found) implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.status(this);
        }
    }

    /**
     * The status card of a watched notification ({@code /push-watch}): live, ended, or refused.
     *
     * @param found the notification, or null on the final card of a watch whose notification is gone
     */
    record Watched(String notificationId, LookupResult.@Nullable Found found, WatchView view) implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.watched(this);
        }
    }

    /** A lookup that failed: the card says what happened and what to do next. */
    record LookupFailed(String notificationId, LookupResult.Failure failure) implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.lookupFailed(this);
        }
    }

    /** The help card, listing every command of the registry. */
    record Help(CommandRegistry registry) implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.help(this);
        }
    }

    /** A known command used wrongly. */
    record Usage(CommandSpec spec, Command.Problem problem) implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.usage(this);
        }
    }

    /** The sender may not use the bot (allowlists). */
    record NotAllowed() implements Reply {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.notAllowed(this);
        }
    }
}
