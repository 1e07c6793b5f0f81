package dev.curfew.server.ssf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A server of its own: the test moves the clock by a day, past every token of the others. */
@DisplayName("OpenID Shared Signals Framework 1.0 §8.1.1: inactivity_timeout")
class SsfInactivityTest {
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
    @DisplayName("housekeeping deletes a stream its receiver stopped using, with its queue; a used one stays")
    void inactiveStreamsAreDeleted() {
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");
        String idle = receiver.createPoll();
        String used = receiver.createPoll();
        receiver.call("POST", receiver.realm.path("/ssf/verify"), java.util.Map.of("stream_id", idle));

        curfew.clock().advance(Duration.ofHours(23));
        receiver.renewToken();
        receiver.peek(used);
        curfew.clock().advance(Duration.ofHours(2));
        receiver.renewToken();
        curfew.server().housekeeping().runOnce();

        assertThat(receiver.call("GET", receiver.streamsPath() + "?stream_id=" + idle, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(curfew.services().store().ssf().queued(idle)).isZero();
        assertThat(receiver.read(used).get("stream_id").asText()).isEqualTo(used);
    }
}
