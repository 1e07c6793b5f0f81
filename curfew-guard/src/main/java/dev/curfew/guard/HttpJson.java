package dev.curfew.guard;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** JSON over the JDK's HttpClient, with Nimbus's JSON parser: all the HTTP the guard does. */
final class HttpJson {
    /** An answer: its status and JSON object body (empty when there is none or it is not a JSON object). */
    record Answer(int status, Map<String, Object> body, String rawBody) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The server's OAuth / SSF error for a log line: {@code error} and {@code error_description}. */
        String describe() {
            Object error = body.get("error");
            Object description = body.get("error_description");
            return "HTTP " + status + (error == null ? "" : " " + error)
                    + (description == null ? "" : ": " + description);
        }
    }

    /** A non-2xx answer where one was required. */
    static final class UnexpectedAnswer extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UnexpectedAnswer(String what, Answer answer) {
            super(what + ": " + answer.describe());
            this.status = answer.status();
        }

        int status() {
            return status;
        }
    }

    private static final int MAX_BODY_CHARS = 4 * 1024 * 1024;

    private final HttpClient http;

    HttpJson(HttpClient http) {
        this.http = http;
    }

    Answer get(URI uri, Duration timeout, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    Answer postJson(URI uri, Map<String, ?> body, Duration timeout, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    Answer postForm(URI uri, String form, Duration timeout, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    Answer delete(URI uri, Duration timeout, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).DELETE();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String raw = response.body() == null ? "" : response.body();
        if (raw.length() > MAX_BODY_CHARS) {
            throw new IOException("answer of " + request.uri() + " too large (" + raw.length() + " characters)");
        }
        Map<String, Object> body = Map.of();
        String trimmed = raw.strip();
        if (trimmed.startsWith("{")) {
            try {
                body = JSONObjectUtils.parse(trimmed);
            } catch (ParseException e) {
                if (response.statusCode() / 100 == 2) {
                    throw new IOException("answer of " + request.uri() + " is not valid JSON: " + e.getMessage(), e);
                }
            }
        }
        return new Answer(response.statusCode(), body, raw);
    }

    /** A required string member, or an IOException naming it. */
    static String string(Map<String, Object> json, String member, String what) throws IOException {
        if (json.get(member) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IOException(what + " lacks the string member \"" + member + "\"");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
