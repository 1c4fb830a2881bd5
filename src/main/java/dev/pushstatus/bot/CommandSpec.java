package dev.pushstatus.bot;

import java.util.List;

/**
 * A command as the user sees it: its word, aliases, the argument it takes and what it does.
 *
 * @param name        the command word without the slash, e.g. {@code push-status}
 * @param aliases     other words for the same command, e.g. {@code ps}
 * @param argument    the argument placeholder for usage lines, empty when it takes none
 * @param summaryEn   one line on what it does, English
 * @param summaryZh   the same line in Chinese
 */
public record CommandSpec(String name, List<String> aliases, String argument, String summaryEn, String summaryZh) {

    public CommandSpec {
        aliases = List.copyOf(aliases);
    }

    /** The usage line, e.g. {@code /push-status <id>}. */
    public String usage() {
        return argument.isEmpty() ? "/" + name : "/" + name + " " + argument;
    }

    /** Whether the (lower-case) word names this command. */
    public boolean answersTo(String word) {
        return name.equals(word) || aliases.contains(word);
    }
}
