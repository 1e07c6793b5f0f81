package dev.curfew.core.audit;

import dev.curfew.core.util.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;

/**
 * The audit log's hash chain. {@code hash = SHA-256(prevHash ‖ fields)}, where every field is
 * length-prefixed so no two different entries serialize alike. The first entry of a realm links to
 * {@link #GENESIS}.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The entry placed after {@code previousHash} at position {@code seq}, with its hash. */
    public static AuditEntry link(AuditEntry draft, long seq, String previousHash) {
        AuditEntry placed = new AuditEntry(
                seq,
                draft.realmId(),
                draft.at(),
                draft.actorId(),
                draft.actorUsername(),
                draft.privilege(),
                draft.action(),
                draft.reason(),
                draft.detail(),
                draft.affected(),
                draft.requestId(),
                draft.sourceIp(),
                previousHash,
                "");
        return new AuditEntry(
                seq,
                placed.realmId(),
                placed.at(),
                placed.actorId(),
                placed.actorUsername(),
                placed.privilege(),
                placed.action(),
                placed.reason(),
                placed.detail(),
                placed.affected(),
                placed.requestId(),
                placed.sourceIp(),
                previousHash,
                hash(placed));
    }

    public static String hash(AuditEntry e) {
        StringBuilder sb = new StringBuilder();
        for (String field : new String[] {
            e.prevHash(),
            Long.toString(e.seq()),
            e.realmId(),
            Long.toString(e.at().toEpochMilli()),
            e.actorId(),
            e.actorUsername(),
            e.privilege(),
            e.action(),
            e.reason(),
            e.detail(),
            Long.toString(e.affected()),
            e.requestId(),
            e.sourceIp()
        }) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sb.append(HexFormat.of()
                            .formatHex(
                                    ByteBuffer.allocate(4).putInt(bytes.length).array()))
                    .append(field);
        }
        return HexFormat.of().formatHex(Secrets.sha256Bytes(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Where a realm's chain ends: its last seq and that entry's hash. */
    public record Head(long seq, String hash) {}

    /** Why the chain is broken at an entry. */
    public record Break(long seq, String problem) {}

    /**
     * Walks a realm's entries in order from seq 1 and returns the first broken link: a missing position,
     * a link to the wrong previous hash, or a hash that does not match the entry's content.
     */
    public static Optional<Break> verify(Iterator<AuditEntry> entries) {
        return verify(entries, Optional.empty());
    }

    /**
     * As {@link #verify(Iterator)}, and the last entry must be the recorded {@code head}: entries removed
     * from the end of the log leave no gap in the chain, only a head that points past it.
     */
    public static Optional<Break> verify(Iterator<AuditEntry> entries, Optional<Head> head) {
        String previous = GENESIS;
        long expected = 1;
        while (entries.hasNext()) {
            AuditEntry e = entries.next();
            if (e.seq() != expected) {
                return Optional.of(
                        new Break(expected, "entry " + expected + " is missing (next present is " + e.seq() + ")"));
            }
            if (!e.prevHash().equals(previous)) {
                return Optional.of(
                        new Break(e.seq(), "entry " + e.seq() + " does not link to the previous entry's hash"));
            }
            if (!hash(e).equals(e.hash())) {
                return Optional.of(
                        new Break(e.seq(), "entry " + e.seq() + " was altered: its content does not match its hash"));
            }
            previous = e.hash();
            expected++;
        }
        long last = expected - 1;
        String lastHash = previous;
        return head.filter(h -> h.seq() != last || !h.hash().equals(lastHash))
                .map(h -> new Break(
                        Math.min(h.seq(), last + 1),
                        h.seq() > last
                                ? "entries " + (last + 1) + " to " + h.seq() + " are missing from the end of the log"
                                : "the log does not end where its recorded head says (seq " + h.seq() + ")"));
    }
}
