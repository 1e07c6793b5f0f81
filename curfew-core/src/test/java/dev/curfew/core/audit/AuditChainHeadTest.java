package dev.curfew.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audit chain head: entries removed from the end of the log are detected")
class AuditChainHeadTest {

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry draft = AuditEntry.draft(
                    "realm",
                    Instant.ofEpochMilli(1_000L * i),
                    "u",
                    "admin",
                    "AUTH_ADMINISTRATOR",
                    "sign-out",
                    "reason " + i,
                    "{}",
                    i,
                    "req-" + i,
                    "127.0.0.1");
            AuditEntry linked = AuditChain.link(draft, i, previous);
            entries.add(linked);
            previous = linked.hash();
        }
        return entries;
    }

    @Test
    void aChainEndingAtItsHeadIsIntact() {
        List<AuditEntry> entries = chain(5);
        AuditChain.Head head = new AuditChain.Head(5, entries.get(4).hash());
        assertThat(AuditChain.verify(entries.iterator(), Optional.of(head))).isEmpty();
    }

    @Test
    void removingTheLastEntriesIsReportedAtTheFirstMissingOne() {
        List<AuditEntry> entries = chain(5);
        AuditChain.Head head = new AuditChain.Head(5, entries.get(4).hash());
        Optional<AuditChain.Break> broken =
                AuditChain.verify(entries.subList(0, 3).iterator(), Optional.of(head));
        assertThat(broken).hasValueSatisfying(b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.problem()).contains("missing from the end");
        });
    }

    @Test
    void aHeadThatDoesNotMatchTheLastEntryIsReported() {
        List<AuditEntry> entries = chain(3);
        AuditChain.Head head = new AuditChain.Head(3, AuditChain.GENESIS);
        assertThat(AuditChain.verify(entries.iterator(), Optional.of(head))).isPresent();
    }
}
