package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** HTTP/1.1 to one server on this machine; nothing else is ever contacted. */
final class Http {
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A status, its body, the Location header when there is one, and the time from sending to the last byte. */
    record Answer(int status, String body, Optional<String> location, long nanos) {
        boolean ok() {
            return status / 100 == 2;
        }

        double millis() {
            return nanos / 1e6;
        }
    }

    Http(URI base) {
        if (!LOCAL_HOSTS.contains(base.getHost())) {
            throw new IllegalArgumentException("only servers on this machine are measured: " + base);
        }
        this.base = base;
    }

    URI base() {
        return base;
    }

    Answer postForm(String path, String form, Optional<String> authorization, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, authorization, timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return send(request);
    }

    Answer postJson(String path, String json, String authorization) throws IOException, InterruptedException {
        return send(request(path, Optional.of(authorization), Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST without a body, as Keycloak's sign-out endpoints take it; the timeout is long: it is measured. */
    Answer postEmpty(String path, String authorization, Duration timeout) throws IOException, InterruptedException {
        return send(request(path, Optional.of(authorization), timeout).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path, Optional.empty(), Duration.ofSeconds(30)).GET());
    }

    Answer get(String path, String authorization) throws IOException, InterruptedException {
        return send(request(path, Optional.of(authorization), Duration.ofSeconds(30))
                .GET());
    }

    private HttpRequest.Builder request(String path, Optional<String> authorization, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        return new Answer(
                response.statusCode(), response.body(), response.headers().firstValue("Location"), nanos);
    }

    static String basic(String clientId, String secret) {
        String pair = enc(clientId) + ":" + enc(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
