package dev.pushstatus.app;

/** A wrong or missing environment variable; the message names it and never echoes a secret. */
public final class ConfigException extends Exception {

    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
