package dev.curfew.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * One generated HTTP call of a fuzzing property: method, path with query, content type (none when null) and body
 * (none when null). {@code mayBeValid} marks calls that may be perfectly acceptable (a search with odd but legal
 * parameters); the others must be refused.
 */
public record FuzzCall(String method, String path, String contentType, String body, boolean mayBeValid) {

    public static FuzzCall json(String method, String path, String body, boolean mayBeValid) {
        return new FuzzCall(method, path, "application/json", body, mayBeValid);
    }

    public static FuzzCall noBody(String method, String path, boolean mayBeValid) {
        return new FuzzCall(method, path, null, null, mayBeValid);
    }

    /** Mostly {@code application/json}; sometimes another type, an unknown charset, or none. */
    public static Arbitrary<String> jsonContentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("application/json")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "application/json; charset=utf-8",
                                "application/json;charset=\"UTF-8\"",
                                "text/plain",
                                "application/json; charset=utf-16",
                                "application/json; charset=no-such-charset",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x",
                                "")));
    }

    /** Sends the call with {@code authorization} (none when null). */
    public HttpResponse<String> send(TestCurfew curfew, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(curfew.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return curfew.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot send " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every answer, whoever writes it, carries the security headers. */
    public static void assertSecurityHeaders(HttpResponse<String> response) {
        String what =
                response.request().method() + " " + abbreviate(response.uri().toString());
        assertThat(response.headers().firstValue("X-Content-Type-Options"))
                .as("X-Content-Type-Options of %s", what)
                .hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options"))
                .as("X-Frame-Options of %s", what)
                .hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .as("Content-Security-Policy of %s", what)
                .isPresent();
    }

    /** At most 300 characters, for messages. */
    public static String abbreviate(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " characters)";
    }

    @Override
    public String toString() {
        return method + " " + abbreviate(path) + (contentType == null ? "" : " [" + contentType + "]")
                + (body == null ? "" : " " + abbreviate(body));
    }
}
