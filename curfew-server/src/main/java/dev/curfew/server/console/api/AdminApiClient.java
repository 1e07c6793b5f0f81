package dev.curfew.server.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.curfew.engine.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls the admin REST API with the administrator's bearer token; a refusal becomes an {@link ApiException}. */
public final class AdminApiClient {
    private final Loopback loopback;

    public AdminApiClient(Loopback loopback) {
        this.loopback = loopback;
    }

    public JsonNode get(Context ctx, String token, String path) {
        return send(ctx, token, "GET", path, null);
    }

    public JsonNode post(Context ctx, String token, String path, Object body) {
        return send(ctx, token, "POST", path, body);
    }

    public JsonNode put(Context ctx, String token, String path, Object body) {
        return send(ctx, token, "PUT", path, body);
    }

    public JsonNode delete(Context ctx, String token, String path) {
        return send(ctx, token, "DELETE", path, null);
    }

    /** {@code path?name=value&...}, leaving out blank values; a list value repeats the parameter. */
    public static String withQuery(String path, Map<String, ?> params) {
        StringBuilder url = new StringBuilder(path);
        char separator = path.contains("?") ? '&' : '?';
        for (var e : params.entrySet()) {
            List<?> values = e.getValue() instanceof List<?> list ? list : List.of(String.valueOf(e.getValue()));
            for (Object v : values) {
                String value = String.valueOf(v);
                if (v == null || value.isBlank()) {
                    continue;
                }
                url.append(separator)
                        .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(Context ctx, String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(loopback.uri(ctx, path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", "Curfew admin console");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = loopback.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the admin API did not answer on loopback: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the admin API", e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), json);
        }
        return json;
    }

    private static ApiException problem(int status, JsonNode json) {
        List<ApiException.InvalidParam> fields = new ArrayList<>();
        for (JsonNode f : json.path("invalid-params")) {
            fields.add(new ApiException.InvalidParam(
                    f.path("name").asText(), f.path("reason").asText()));
        }
        return new ApiException(
                status,
                json.path("title").asText("HTTP " + status),
                json.path("detail").asText("The admin API answered " + status + "."),
                fields);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String toJson(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
