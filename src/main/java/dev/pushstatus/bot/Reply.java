package dev.pushstatus.bot;

/** What the bot answers to a message; the card adapter decides how it looks. */
public sealed interface Reply {

    /** The status card of a notification. */
    record Status(LookupResult.Found found) implements Reply {}

    /** A lookup that failed: the card says what happened and what to do next. */
    record LookupFailed(String notificationId, LookupResult.Failure failure) implements Reply {}

    /** The help card, listing every command of the registry. */
    record Help(CommandRegistry registry) implements Reply {}

    /** A known command used wrongly. */
    record Usage(CommandSpec spec, Command.Problem problem) implements Reply {}

    /** The sender may not use the bot (allowlists). */
    record NotAllowed() implements Reply {}
}
