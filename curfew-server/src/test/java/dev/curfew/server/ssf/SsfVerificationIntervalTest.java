package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SSF 1.0 §8.1.1 {@code min_verification_interval} and §8.1.4.2: each verification request has Curfew sign (and
 * for a push stream, POST) a SET, so a receiver may ask once per interval and stream.
 */
@DisplayName("SSF 1.0 §8.1.1 min_verification_interval: verification requests are limited per stream")
class SsfVerificationIntervalTest {
    private static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§8.1.1: the stream's configuration says how long a receiver waits between verification requests")
    void intervalIsInTheStreamConfiguration() {
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");
        String stream = receiver.createPoll();

        assertThat(receiver.read(stream).get("min_verification_interval").asLong())
                .isEqualTo(60);
    }

    @Test
    @DisplayName("unlimited verification: a request sooner than the interval after the last one is answered 429 with"
            + " Retry-After and queues nothing; once the interval has passed it is accepted")
    void unlimitedVerificationRequestsAreRefusedWithinTheInterval() {
        TestRealm realm = TestRealm.create(curfew);
        SsfReceiver receiver = SsfReceiver.register(realm, "guard");
        String stream = receiver.createPoll();
        String verify = realm.path("/ssf/verify");

        expect(receiver.call("POST", verify, Map.of("stream_id", stream, "state", "first")), 204);
        HttpResponse<String> again = receiver.call("POST", verify, Map.of("stream_id", stream, "state", "second"));
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).contains("60");
        JsonNode error = TestCurfew.json(again);
        assertThat(error.get("error").asText()).isEqualTo("too_many_requests");

        curfew.clock().advance(Duration.ofSeconds(59).plusMillis(500));
        HttpResponse<String> stillTooSoon = receiver.call("POST", verify, Map.of("stream_id", stream));
        assertThat(stillTooSoon.statusCode()).isEqualTo(429);
        assertThat(stillTooSoon.headers().firstValue("Retry-After")).contains("1");

        curfew.clock().advance(Duration.ofMillis(500));
        expect(receiver.call("POST", verify, Map.of("stream_id", stream, "state", "third")), 204);

        assertThat(receiver.drain(stream))
                .extracting(set -> SsfReceiver.event(set).getValue().get("state"))
                .containsExactly("first", "third");
    }

    @Test
    @DisplayName("the interval is per stream: another stream of the same receiver is verified at once")
    void intervalIsPerStream() {
        TestRealm realm = TestRealm.create(curfew);
        SsfReceiver receiver = SsfReceiver.register(realm, "guard");
        String one = receiver.createPoll();
        String two = receiver.createPoll();
        String verify = realm.path("/ssf/verify");

        expect(receiver.call("POST", verify, Map.of("stream_id", one)), 204);
        expect(receiver.call("POST", verify, Map.of("stream_id", two)), 204);
    }
}
