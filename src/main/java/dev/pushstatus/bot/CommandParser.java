package dev.pushstatus.bot;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the text of a message into a {@link Command}.
 *
 * <p>People paste ids from consoles and chats, so the parser forgives what is harmless
 * (case, extra spaces, a full-width slash, quotes around the id, a trailing period) and refuses
 * everything else before any network call: an id is 1 to 32 ASCII digits, nothing more.
 */
public final class CommandParser {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");
    private static final Pattern ID = Pattern.compile("[0-9]{1,32}");
    /** Leading "@Name" words left when a mention arrives as plain text (e.g. typed, not picked). */
    private static final Pattern LEADING_AT_WORDS = Pattern.compile("^(@\\S+\\s+)+");
    private static final String QUOTES = "\"'`“”‘’「」『』《》";

    private final CommandRegistry registry;

    public CommandParser(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Whether the text is a well-formed notification id: 1 to 32 ASCII digits, nothing else. */
    public static boolean isNotificationId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** Parses message text (mention placeholders already removed). */
    public Command parse(String text) {
        if (text == null) {
            return new Command.NotACommand();
        }
        String trimmed = LEADING_AT_WORDS.matcher(text.strip()).replaceFirst("").strip();
        if (trimmed.startsWith("／")) {
            trimmed = "/" + trimmed.substring(1);
        }
        if (!trimmed.startsWith("/")) {
            return new Command.NotACommand();
        }
        List<String> words = List.of(WHITESPACE.split(trimmed.substring(1).strip()));
        String word = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size()).stream().filter(w -> !w.isEmpty()).toList();
        return registry.find(word)
                .map(spec -> forSpec(spec, args))
                .orElseGet(Command.NotACommand::new);
    }

    private Command forSpec(CommandSpec spec, List<String> args) {
        if (spec == CommandRegistry.HELP) {
            return args.isEmpty() ? new Command.Help() : new Command.Usage(spec, Command.Problem.UNEXPECTED_ARGUMENT);
        }
        if (args.isEmpty()) {
            return new Command.Usage(spec, Command.Problem.MISSING_ARGUMENT);
        }
        if (args.size() > 1) {
            return new Command.Usage(spec, Command.Problem.TOO_MANY_ARGUMENTS);
        }
        String id = cleanId(args.get(0));
        return isNotificationId(id)
                ? new Command.PushStatus(id)
                : new Command.Usage(spec, Command.Problem.NOT_AN_ID);
    }

    /** Removes what copy-and-paste adds around an id: quotes on either side, a trailing period. */
    private static String cleanId(String raw) {
        String id = raw;
        if (id.endsWith(".") || id.endsWith("。")) {
            id = id.substring(0, id.length() - 1);
        }
        int start = 0;
        int end = id.length();
        while (start < end && QUOTES.indexOf(id.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && QUOTES.indexOf(id.charAt(end - 1)) >= 0) {
            end--;
        }
        id = id.substring(start, end);
        if (id.endsWith(".") || id.endsWith("。")) {
            id = id.substring(0, id.length() - 1);
        }
        return id;
    }
}
