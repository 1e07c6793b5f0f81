package dev.curfew.server.account;

/**
 * A result message shown once, after a redirect.
 *
 * @param field for errors about one form field, its id (the page links the message to it); else empty
 */
public record Flash(Kind kind, String message, String field) {
    public enum Kind {
        SUCCESS,
        ERROR
    }

    public static Flash success(String message) {
        return new Flash(Kind.SUCCESS, message, "");
    }

    public static Flash error(String field, String message) {
        return new Flash(Kind.ERROR, message, field);
    }

    public boolean error() {
        return kind == Kind.ERROR;
    }
}
