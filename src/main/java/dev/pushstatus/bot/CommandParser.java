package dev.pushstatus.bot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a message into a {@link Command}.
 *
 * <p>People paste ids from consoles and chats, so the parser forgives what is harmless
 * (case, extra spaces, a full-width slash, quotes around the id, a trailing period) and refuses
 * everything else before any network call: an id is 1 to 32 ASCII digits, nothing more.
 */
public final class CommandParser {

    /** Any run of white space or Unicode separators: no-break and ideographic spaces split words too. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern ID = Pattern.compile("[0-9]{1,32}");
    /**
     * The parser looks at this many characters at most: a command with its id and a few mentions
     * is far shorter, and crafted kilobytes of text cost nothing more than this.
     */
    static final int MAX_TEXT = 1_000;
    private static final String QUOTES = "\"'`“”‘’「」『』《》";

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,4})(s|m|min|h|d)");
    /** How long {@code /push-watch} watches when no duration is given. */
    public static final Duration DEFAULT_WATCH = Duration.ofHours(1);

    private final CommandRegistry registry;
    private final Duration longestWatch;

    public CommandParser(CommandRegistry registry) {
        this(registry, Duration.ofHours(24));
    }

    /** @param longestWatch the longest {@code /push-watch} duration accepted ({@code BOT_WATCH_MAX}) */
    public CommandParser(CommandRegistry registry, Duration longestWatch) {
        this.registry = registry;
        this.longestWatch = longestWatch;
    }

    /** How long a watch runs when no duration is given: an hour, or the longest watch if that is shorter. */
    public static Duration defaultWatch(Duration longestWatch) {
        return DEFAULT_WATCH.compareTo(longestWatch) <= 0 ? DEFAULT_WATCH : longestWatch;
    }

    /** A watch duration as people type it: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}; empty otherwise. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
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
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        String trimmed = strip(withoutLeadingMentions(strip(bounded)));
        if (trimmed.startsWith("／")) {
            trimmed = "/" + trimmed.substring(1);
        }
        if (!trimmed.startsWith("/")) {
            return new Command.NotACommand();
        }
        List<String> words = List.of(WHITESPACE.split(strip(trimmed.substring(1))));
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
        if (spec == CommandRegistry.PUSH_WATCH) {
            return watch(spec, args);
        }
        if (args.size() > 1) {
            return new Command.Usage(spec, Command.Problem.TOO_MANY_ARGUMENTS);
        }
        String id = cleanId(args.get(0));
        return isNotificationId(id)
                ? new Command.PushStatus(id)
                : new Command.Usage(spec, Command.Problem.NOT_AN_ID);
    }

    private Command watch(CommandSpec spec, List<String> args) {
        if (args.size() > 2) {
            return new Command.Usage(spec, Command.Problem.TOO_MANY_ARGUMENTS);
        }
        String id = cleanId(args.get(0));
        if (!isNotificationId(id)) {
            return new Command.Usage(spec, Command.Problem.NOT_AN_ID);
        }
        if (args.size() == 1) {
            return new Command.PushWatch(id, defaultWatch(longestWatch));
        }
        Optional<Duration> duration = parseDuration(args.get(1));
        if (duration.isEmpty()) {
            return new Command.Usage(spec, Command.Problem.NOT_A_DURATION);
        }
        if (duration.get().compareTo(longestWatch) > 0) {
            return new Command.Usage(spec, Command.Problem.DURATION_TOO_LONG);
        }
        return new Command.PushWatch(id, duration.get());
    }

    /**
     * Drops leading "@Name" words (a mention typed as text rather than picked). A scan, not a
     * regular expression: the repeated group of the old pattern recursed once per word and
     * overflowed the stack on a few thousand of them.
     */
    static String withoutLeadingMentions(String text) {
        int start = 0;
        int n = text.length();
        while (start < n && text.charAt(start) == '@') {
            int wordEnd = start + 1;
            while (wordEnd < n && !isSpace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            int next = wordEnd;
            while (next < n && isSpace(text.charAt(next))) {
                next++;
            }
            if (wordEnd == start + 1 || next == wordEnd) {
                break; // a lone "@", or an "@word" with nothing after it: not a mention to drop
            }
            start = next;
        }
        return text.substring(start);
    }

    /** White space or a Unicode separator (no-break space, ideographic space, ...). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Like {@link String#strip()}, but also for no-break and other separator spaces. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
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
