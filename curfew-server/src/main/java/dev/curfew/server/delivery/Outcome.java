package dev.curfew.server.delivery;

/** What one delivery attempt came to. */
sealed interface Outcome {
    /** 2xx: done. */
    record Delivered() implements Outcome {}

    /** 5xx, 408, 429, other non-2xx answers, timeouts and connection errors: try again later. */
    record Retry(String error) implements Outcome {}

    /** 4xx other than 408 and 429: the receiver refuses this notification; trying again cannot help. */
    record Refused(String error) implements Outcome {}

    static Outcome ofStatus(int status, String body) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String error = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body.strip()));
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Refused(error);
        }
        return new Retry(error);
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
