package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A server with a one-second poll timeout (the {@code ssf-poll-timeout} setting). */
@DisplayName("RFC 8936 §2.4: a long poll with nothing to send ends at the configured timeout")
class SsfPollTimeoutTest {
    private static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("ssf-poll-timeout", "1"));
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("answers an empty set, and holds nothing afterwards")
    void emptyAfterTimeout() {
        SsfReceiver receiver = SsfReceiver.register(TestRealm.create(curfew), "guard");
        String stream = receiver.createPoll();

        JsonNode answer = expect(receiver.poll(stream, Map.of("returnImmediately", false)), 200);

        assertThat(answer.get("sets").size()).isZero();
        assertThat(answer.get("moreAvailable").asBoolean()).isFalse();
        assertThat(curfew.services().ssf().waiters().holding(stream)).isZero();
    }
}
