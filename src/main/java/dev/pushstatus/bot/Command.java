package dev.pushstatus.bot;

/** What a chat message asks for, once parsed. */
public sealed interface Command {

    /** Calls the method of {@code cases} that names this command. */
    <R> R accept(Cases<R> cases);

    /** The command's name for logs and metrics ({@code push-status}, {@code help}, {@code push-status:usage}, {@code none}). */
    String logName();

    /** One method per kind of command. */
    interface Cases<R> {
        R pushStatus(PushStatus pushStatus);

        R pushWatch(PushWatch pushWatch);

        R help(Help help);

        R usage(Usage usage);

        R notACommand(NotACommand notACommand);
    }

    /** {@code /push-status <id>} with an id already validated as 1 to 32 ASCII digits. */
    record PushStatus(String notificationId) implements Command {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.pushStatus(this);
        }

        @Override
        public String logName() {
            return CommandRegistry.PUSH_STATUS.name();
        }
    }

    /**
     * {@code /push-watch <id> [duration]}: the status card, kept current for {@code duration}.
     *
     * @param duration already checked: positive and at most the longest watch
     */
    record PushWatch(String notificationId, java.time.Duration duration) implements Command {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.pushWatch(this);
        }

        @Override
        public String logName() {
            return CommandRegistry.PUSH_WATCH.name();
        }
    }

    /** {@code /help}. */
    record Help() implements Command {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.help(this);
        }

        @Override
        public String logName() {
            return CommandRegistry.HELP.name();
        }
    }

    /** A known command used wrongly: the reply is its usage. */
    record Usage(CommandSpec spec, Problem problem) implements Command {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.usage(this);
        }

        @Override
        public String logName() {
            return spec.name() + ":usage";
        }
    }

    /** Text that is no command at all: the reply, where one is due, is the help card. */
    record NotACommand() implements Command {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.notACommand(this);
        }

        @Override
        public String logName() {
            return "none";
        }
    }

    /** Why a command's argument was refused. */
    enum Problem {
        MISSING_ARGUMENT,
        TOO_MANY_ARGUMENTS,
        NOT_AN_ID,
        UNEXPECTED_ARGUMENT,
        /** {@code /push-watch}: the second argument is not a duration like 30m or 2h. */
        NOT_A_DURATION,
        /** {@code /push-watch}: longer than the longest watch ({@code BOT_WATCH_MAX}). */
        DURATION_TOO_LONG
    }
}
