package dev.pushstatus.app;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Wrong or missing environment variables, all of them at once: the message is one line naming
 * each variable with what is wrong ({@code FEISHU_APP_SECRET is not set; PORT is "x", not a port
 * number ...}) and never echoes a secret.
 */
public final class ConfigException extends Exception {

    /** One variable and what is wrong with it, worded to follow its name. */
    public record Problem(String variable, String problem) {
        @Override
        public String toString() {
            return variable + " " + problem;
        }
    }

    private final List<Problem> problems;

    public ConfigException(String variable, String problem) {
        this(List.of(new Problem(variable, problem)));
    }

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The first wrong variable. */
    public String variable() {
        return problems.get(0).variable();
    }

    /** Every wrong variable, in the order they were checked. */
    public List<String> variables() {
        return problems.stream().map(Problem::variable).toList();
    }

    public List<Problem> problems() {
        return problems;
    }
}
