package dev.curfew.engine.ssf;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One thing that happened, before it becomes a SET on each stream: its event type, its subject, its event
 * members (CAEP 1.0), and the sign-out it belongs to ({@code txn}, RFC 8417 §2.2).
 *
 * @param dedupKey when present, the same event queued twice on a stream gets the same {@code jti} (a session ends
 *     once, however often its end is recorded), so the queue keeps one
 */
public record SecurityEvent(
        String type, Subject subject, Map<String, Object> members, Optional<String> txn, Optional<String> dedupKey) {

    /** CAEP 1.0 §3.1. */
    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    /** CAEP 1.0 §3.3. */
    public static final String CREDENTIAL_CHANGE =
            "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    /** SSF 1.0 §8.1.4.1. */
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    /** SSF 1.0 §8.1.5. */
    public static final String STREAM_UPDATED = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";

    /** The event types a receiver can ask for; the two SSF stream events are always delivered. */
    public static final List<String> SUPPORTED = List.of(SESSION_REVOKED, CREDENTIAL_CHANGE);

    /** Whom an event is about, as an SSF {@code complex} subject (SSF 1.0 §3.2), or the stream itself. */
    public sealed interface Subject {
        /** The {@code sub_id} claim. */
        Map<String, Object> subId(String issuer);

        /** Whether one of these excluded subject keys ({@link Subjects}) names this subject. */
        default boolean excludedBy(Set<String> keys) {
            return false;
        }
    }

    public record Tenant(String realmName) implements Subject {
        @Override
        public Map<String, Object> subId(String issuer) {
            return complex(realmName);
        }
    }

    public record Application(String realmName, String clientId) implements Subject {
        @Override
        public Map<String, Object> subId(String issuer) {
            Map<String, Object> m = complex(realmName);
            m.put("application", opaque(clientId));
            return m;
        }
    }

    public record User(String realmName, String userId) implements Subject {
        @Override
        public Map<String, Object> subId(String issuer) {
            Map<String, Object> m = complex(realmName);
            m.put("user", issSub(issuer, userId));
            return m;
        }

        @Override
        public boolean excludedBy(Set<String> keys) {
            return keys.contains(SubjectKeys.user(userId));
        }
    }

    public record Session(String realmName, String userId, String sessionId) implements Subject {
        @Override
        public Map<String, Object> subId(String issuer) {
            Map<String, Object> m = complex(realmName);
            m.put("user", issSub(issuer, userId));
            m.put("session", opaque(sessionId));
            return m;
        }

        @Override
        public boolean excludedBy(Set<String> keys) {
            return keys.contains(SubjectKeys.user(userId)) || keys.contains(SubjectKeys.session(sessionId));
        }
    }

    /** SSF 1.0 §8.1.4.1 and §8.1.5: the stream's own events name the stream by its id. */
    public record StreamItself(String streamId) implements Subject {
        @Override
        public Map<String, Object> subId(String issuer) {
            return opaque(streamId);
        }
    }

    /** {@code event_timestamp} (CAEP 1.0 §2): a NumericDate, with the millisecond fraction cut-offs are kept at. */
    public static BigDecimal timestamp(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
    }

    /** A CAEP session-revoked event. */
    public static SecurityEvent sessionRevoked(
            Subject subject,
            Instant at,
            Initiator initiator,
            Optional<String> reason,
            Optional<String> txn,
            Optional<String> dedupKey) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("event_timestamp", timestamp(at));
        members.put("initiating_entity", initiator.wire());
        reason.filter(r -> !r.isBlank()).ifPresent(r -> members.put("reason_admin", Map.of("en", r)));
        return new SecurityEvent(SESSION_REVOKED, subject, members, txn, dedupKey);
    }

    /** A CAEP credential-change event for a password. */
    public static SecurityEvent passwordChanged(User user, boolean first, Instant at, Initiator initiator) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("credential_type", "password");
        members.put("change_type", first ? "create" : "update");
        members.put("event_timestamp", timestamp(at));
        members.put("initiating_entity", initiator.wire());
        return new SecurityEvent(CREDENTIAL_CHANGE, user, members, Optional.empty(), Optional.empty());
    }

    private static Map<String, Object> complex(String realmName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "complex");
        m.put("tenant", opaque(realmName));
        return m;
    }

    private static Map<String, Object> opaque(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "opaque");
        m.put("id", id);
        return m;
    }

    private static Map<String, Object> issSub(String issuer, String sub) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "iss_sub");
        m.put("iss", issuer);
        m.put("sub", sub);
        return m;
    }
}
