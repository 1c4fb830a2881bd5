package dev.pushstatus.bot;

/** What a chat message asks for, once parsed. */
public sealed interface Command {

    /** {@code /push-status <id>} with an id already validated as 1 to 32 ASCII digits. */
    record PushStatus(String notificationId) implements Command {}

    /** {@code /help}. */
    record Help() implements Command {}

    /** A known command used wrongly: the reply is its usage. */
    record Usage(CommandSpec spec, Problem problem) implements Command {}

    /** Text that is no command at all: the reply, where one is due, is the help card. */
    record NotACommand() implements Command {}

    /** Why a command's argument was refused. */
    enum Problem {
        MISSING_ARGUMENT,
        TOO_MANY_ARGUMENTS,
        NOT_AN_ID,
        UNEXPECTED_ARGUMENT
    }
}
