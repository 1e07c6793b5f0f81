package dev.curfew.store.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.change.Change;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    @DisplayName("every kind of change reads back as sent, with the sending node, whatever characters its ids hold")
    void everyChangeReadsBackAsSent() {
        List<Change> changes = List.of(
                new Change.RealmChanged("realm with spaces % and + signs"),
                new Change.CutOff(Change.Level.CLIENT, "client:ä/ö", AT),
                new Change.SessionsRevoked(List.of("a", "b c"), AT),
                new Change.ClientChanged("realm-1", "client 1"),
                new Change.UserChanged("realm-1", "user+1"),
                new Change.AccessTokenRevoked("jti/1", AT),
                new Change.StreamQueued("stream-1"),
                new Change.OutboxQueued(),
                new Change.GroupLifetimesChanged(),
                new Change.Everything());

        for (Change change : changes) {
            List<String> payloads = Payloads.encode("node-1", change);
            assertThat(payloads).hasSize(1);
            assertThat(Payloads.decode(payloads.get(0))).contains(new Payloads.Heard("node-1", change));
        }
    }

    @Test
    @DisplayName("revoked sessions travel in notifications far below PostgreSQL's 8,000-byte limit")
    void revokedSessionsAreSplitBelowTheLimit() {
        List<String> ids =
                IntStream.range(0, 200).mapToObj(i -> "x".repeat(43) + i).toList();

        List<String> payloads = Payloads.encode("node-1", new Change.SessionsRevoked(ids, AT));

        assertThat(payloads).hasSize(4).allSatisfy(p -> assertThat(p.getBytes()).hasSizeLessThan(8_000));
    }

    @Test
    @DisplayName("a payload this version does not know, or a malformed one, is ignored rather than misread")
    void unknownPayloadsAreIgnored() {
        assertThat(Payloads.decode("node-1 something-new x")).isEmpty();
        assertThat(Payloads.decode("node-1")).isEmpty();
        assertThat(Payloads.decode("node-1 cut-off NOWHERE id 1")).isEmpty();
        assertThat(Payloads.decode("node-1 sessions not-a-number a")).isEmpty();
    }
}
