package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.server.testing.TestCurfew;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The admission limit in front of the handlers: a request that finds every turn taken and the queue full (or its
 * wait over) is refused at once with 503 and Retry-After instead of queued without bound. A turn is held here by a
 * real request whose body has not arrived yet: its handler runs and waits for the body.
 */
@DisplayName("Admission limit: past the requests served at once and those waiting, 503 with Retry-After")
class AdmissionLimitTest {
    private static final String TOKEN = "/realms/master/protocol/openid-connect/token";
    private static final String DISCOVERY = "/realms/master/.well-known/openid-configuration";

    @Test
    @DisplayName("with the only turn taken and no queue, the token endpoint answers temporarily_unavailable at once")
    void tokenEndpointRefusesPastTheLimit() throws Exception {
        try (TestCurfew curfew = TestCurfew.start(Map.of("http-max-concurrent", "1", "http-max-queued", "0"));
                Socket held = holdATurn(curfew)) {
            HttpResponse<String> refused = curfew.postForm(TOKEN, Map.of("grant_type", "client_credentials"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(TestCurfew.json(refused).path("error").asText()).isEqualTo("temporarily_unavailable");
            String metrics = curfew.get("/metrics").body();
            assertThat(metric(metrics, "curfew_http_requests_active")).isEqualTo(1);
            assertThat(metric(metrics, "curfew_http_requests_queued")).isZero();
            assertThat(metric(metrics, "curfew_http_requests_refused_total{reason=\"queue-full\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "curfew_http_requests_refused_total{reason=\"wait-over\"}"))
                    .isZero();
            assertThat(metric(metrics, "curfew_http_requests_refused_total{reason=\"overloaded\"}"))
                    .isZero();
        }
    }

    @Test
    @DisplayName("a request that waited its longest for a turn is refused with a problem and Retry-After")
    void waitingRequestIsRefusedWhenItsWaitRunsOut() throws Exception {
        try (TestCurfew curfew = TestCurfew.start(
                        Map.of("http-max-concurrent", "1", "http-max-queued", "4", "http-max-wait", "50ms"));
                Socket held = holdATurn(curfew)) {
            HttpResponse<String> refused = curfew.get("/admin/realms");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.headers().firstValue("Content-Type")).contains(ErrorResponses.PROBLEM_JSON);
            assertThat(TestCurfew.json(refused).path("status").asInt()).isEqualTo(503);
            String metrics = curfew.get("/metrics").body();
            assertThat(metric(metrics, "curfew_http_requests_refused_total{reason=\"wait-over\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "curfew_http_requests_queued")).isZero();
        }
    }

    @Test
    @DisplayName("the health endpoints answer while every turn is taken")
    void healthIsNotLimited() throws Exception {
        try (TestCurfew curfew = TestCurfew.start(Map.of("http-max-concurrent", "1", "http-max-queued", "0"));
                Socket held = holdATurn(curfew)) {
            assertThat(curfew.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("once the turn is given back, the next request is served")
    void turnGivenBackServesTheNext() throws Exception {
        try (TestCurfew curfew = TestCurfew.start(Map.of("http-max-concurrent", "1", "http-max-queued", "0"))) {
            Socket held = holdATurn(curfew);
            held.close();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> curfew.get(DISCOVERY).statusCode() == 200);
        }
    }

    /** The value of one line of the Prometheus text, {@code name} with its labels as printed. */
    private static double metric(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
    }

    /** A token request whose announced body never comes: its handler holds a turn until the socket closes. */
    private static Socket holdATurn(TestCurfew curfew) throws IOException, InterruptedException {
        int port = URI.create(curfew.baseUrl()).getPort();
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + TOKEN + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Taken once a request that would be served at once is refused (a waiting one is refused after its wait).
        await().atMost(Duration.ofSeconds(10)).until(() -> curfew.get(DISCOVERY).statusCode() == 503);
        return socket;
    }
}
