package dev.curfew.server.config;

/** Curfew cannot start with this configuration; the message says what is wrong and how to fix it. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
