package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The admin REST API over HTTP, as any remote client calls it: an access token from the password grant
 * of the master realm's {@code admin-cli}, then JSON calls with it. Failures become {@link CliException}s
 * carrying the exit code for their kind. The password and the token are never written anywhere, even in
 * verbose mode. Closing it ends the administrator session the password grant opened, so commands run
 * from scripts do not leave one behind each.
 */
final class AdminClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** Fetch a new token this long before the current one expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(20);

    private final URI server;
    private final String user;
    private final char[] password;
    private final HttpClient http;
    private final Optional<PrintWriter> verbose;
    private String token;
    private Instant tokenExpires = Instant.MIN;
    private final List<String> refreshTokens = new ArrayList<>();

    AdminClient(URI server, String user, char[] password, Optional<PrintWriter> verbose) {
        this.server = server;
        this.user = user;
        this.password = password.clone();
        this.verbose = verbose;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI server() {
        return server;
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    /** GET with query parameters; a parameter with several values is repeated. */
    JsonNode get(String path, Map<String, ? extends Collection<String>> query) {
        String q = query(query);
        return call(() ->
                HttpRequest.newBuilder(uri(q.isEmpty() ? path : path + "?" + q)).GET());
    }

    /** GET of a text answer (such as CSV), as it came; an error answer fails as {@link #get} does. */
    String getText(String path, Map<String, ? extends Collection<String>> query) {
        String q = query(query);
        HttpResponse<String> response = exchange(() ->
                HttpRequest.newBuilder(uri(q.isEmpty() ? path : path + "?" + q)).GET());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body();
        }
        answer(response);
        throw new IllegalStateException("an error answer always throws");
    }

    /** GET that answers empty for a 404 instead of failing. */
    Optional<JsonNode> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    JsonNode post(String path, JsonNode body) {
        return call(() -> jsonPost(path, body));
    }

    /** POST of an empty JSON object answered with text as it came (such as an export); errors fail as {@link #get}. */
    String postText(String path) {
        HttpResponse<String> response = exchange(() -> jsonPost(path, JSON.createObjectNode()));
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body();
        }
        answer(response);
        throw new IllegalStateException("an error answer always throws");
    }

    JsonNode put(String path, JsonNode body) {
        return call(() -> HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonNode delete(String path) {
        return call(() -> HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** POST answered on another thread, so the caller can follow the work while it runs. */
    CompletableFuture<JsonNode> postAsync(String path, JsonNode body) {
        String bearer = token();
        HttpRequest request = authorized(jsonPost(path, body), bearer);
        log("> POST " + request.uri());
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                throw cannotConnect(cause);
            }
            logAnswer(response, start);
            return answer(response);
        });
    }

    private interface RequestBuilder {
        HttpRequest.Builder build();
    }

    private JsonNode call(RequestBuilder builder) {
        return answer(exchange(builder));
    }

    /** One call; a 401 with a token that may have been cut off gets one retry with a fresh token. */
    private HttpResponse<String> exchange(RequestBuilder builder) {
        HttpResponse<String> response = send(authorized(builder.build(), token()));
        if (response.statusCode() == 401) {
            tokenExpires = Instant.MIN;
            response = send(authorized(builder.build(), token()));
        }
        return response;
    }

    private HttpRequest.Builder jsonPost(String path, JsonNode body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static HttpRequest authorized(HttpRequest.Builder builder, String bearer) {
        return builder.header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .timeout(TIMEOUT)
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        log("> " + request.method() + " " + request.uri());
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            logAnswer(response, start);
            return response;
        } catch (IOException e) {
            throw cannotConnect(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.API_ERROR, "interrupted while calling " + request.uri());
        }
    }

    /** The access token, fetched with the password grant when there is none or it is about to expire. */
    private synchronized String token() {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&scope=openid&username=" + encode(user) + "&password="
                + encode(new String(password));
        HttpRequest request = HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        log("> POST " + request.uri() + " (password grant of admin-cli for user '" + user + "')");
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw cannotConnect(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.AUTHENTICATION_FAILED, "interrupted while signing in");
        }
        logAnswer(response, start);
        JsonNode body = parse(response);
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            String why =
                    body.path("error_description").asText(body.path("error").asText(""));
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                throw new CliException(
                        ExitCode.AUTHENTICATION_FAILED,
                        "authentication failed for user '" + user + "' at " + server
                                + (why.isEmpty() ? "" : ": " + why));
            }
            throw new CliException(
                    ExitCode.API_ERROR,
                    "cannot get a token from " + request.uri() + " (HTTP " + response.statusCode() + ")"
                            + (why.isEmpty() ? "" : ": " + why));
        }
        token = body.get("access_token").asText();
        if (body.path("refresh_token").isTextual()) {
            refreshTokens.add(body.get("refresh_token").asText());
        }
        tokenExpires =
                Instant.now().plusSeconds(body.path("expires_in").asLong(60)).minus(EXPIRY_MARGIN);
        return token;
    }

    /** The JSON of a success, or the problem's detail and invalid fields as a {@link CliException}. */
    private JsonNode answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 204) {
            return JSON.nullNode();
        }
        JsonNode body = parse(response);
        if (status >= 200 && status < 300) {
            return body;
        }
        String detail = body.path("detail").asText(body.path("title").asText("HTTP " + status));
        List<String> details = new ArrayList<>();
        body.path("invalid-params")
                .forEach(p -> details.add(
                        p.path("name").asText() + ": " + p.path("reason").asText()));
        int exit = switch (status) {
            case 401 -> ExitCode.AUTHENTICATION_FAILED;
            case 403 -> ExitCode.FORBIDDEN;
            case 404 -> ExitCode.NOT_FOUND;
            default -> ExitCode.API_ERROR;
        };
        throw new CliException(exit, detail, details);
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.API_ERROR,
                    "unexpected answer from " + response.uri() + " (HTTP " + response.statusCode() + ", not JSON): is "
                            + server + " a Curfew server?");
        }
    }

    /**
     * Ends the sessions this client's sign-ins opened (the logout endpoint with the refresh token, as Keycloak's
     * command line does; an ID token hint without a browser would get the confirmation page). Best effort: the
     * command's work is done, and an unused session expires on its own anyway.
     */
    @Override
    public void close() {
        Arrays.fill(password, '\0');
        for (String refreshToken : refreshTokens) {
            HttpRequest request = HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "client_id=admin-cli&refresh_token=" + encode(refreshToken)))
                    .build();
            log("> POST " + request.uri() + " (ends this command's administrator session)");
            long start = System.nanoTime();
            try {
                logAnswer(http.send(request, HttpResponse.BodyHandlers.ofString()), start);
            } catch (IOException e) {
                log("  not signed out: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        refreshTokens.clear();
    }

    private CliException cannotConnect(Throwable cause) {
        if (cause instanceof CliException e) {
            return e;
        }
        String why = reason(cause);
        return new CliException(
                ExitCode.CANNOT_CONNECT,
                "cannot connect to " + server + " (" + why
                        + "). Is Curfew running there? Name the server with --server URL.");
    }

    /** The first message in the cause chain: a ConnectException often has none of its own. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure instanceof java.net.ConnectException
                ? "connection refused"
                : failure.getClass().getSimpleName();
    }

    private URI uri(String pathAndQuery) {
        String base = server.toString().replaceAll("/+$", "");
        return URI.create(base + pathAndQuery);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code a=1&b=2&b=3}, skipping empty values. */
    static String query(Map<String, ? extends Collection<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private void log(String line) {
        verbose.ifPresent(w -> {
            w.println(line);
            w.flush();
        });
    }

    private void logAnswer(HttpResponse<String> response, long startNanos) {
        log("< " + response.statusCode() + " " + response.request().method() + " " + response.uri() + " ("
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms)");
    }
}
