package dev.curfew.store.change;

import dev.curfew.core.change.Change;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Changes as {@code NOTIFY} payloads: the sending node's id, a kind, then its fields, each percent-encoded and
 * separated by spaces. PostgreSQL refuses payloads of 8,000 bytes or more (NOTIFY, "payload"), so a long list of
 * revoked sessions travels as several notifications of {@value #IDS_PER_PAYLOAD} ids.
 */
final class Payloads {
    static final int IDS_PER_PAYLOAD = 64;

    /** One notification heard: which node sent it, and what changed. */
    record Heard(String node, Change change) {}

    private Payloads() {}

    static List<String> encode(String node, Change change) {
        return switch (change) {
            case Change.RealmChanged r -> List.of(join(node, "realm", r.realmId()));
            case Change.CutOff c ->
                List.of(join(node, "cut-off", c.level().name(), c.id(), Long.toString(c.at().toEpochMilli())));
            case Change.ClientChanged c -> List.of(join(node, "client", c.realmId(), c.id()));
            case Change.UserChanged u -> List.of(join(node, "user", u.realmId(), u.id()));
            case Change.AccessTokenRevoked t ->
                List.of(join(
                        node,
                        "access-token",
                        t.jti(),
                        Long.toString(t.expiresAt().toEpochMilli())));
            case Change.StreamQueued s -> List.of(join(node, "stream", s.streamId()));
            case Change.OutboxQueued o -> List.of(join(node, "outbox"));
            case Change.GroupLifetimesChanged g -> List.of(join(node, "group-lifetimes"));
            case Change.Everything e -> List.of(join(node, "everything"));
            case Change.SessionsRevoked s -> {
                List<String> payloads = new ArrayList<>();
                List<String> ids = s.sessionIds();
                for (int from = 0; from < ids.size(); from += IDS_PER_PAYLOAD) {
                    List<String> fields = new ArrayList<>(
                            List.of(node, "sessions", Long.toString(s.until().toEpochMilli())));
                    fields.addAll(ids.subList(from, Math.min(ids.size(), from + IDS_PER_PAYLOAD)));
                    payloads.add(join(fields.toArray(String[]::new)));
                }
                yield payloads;
            }
        };
    }

    /** The change a payload carries; empty for one this version does not know (a newer node's), or malformed. */
    static Optional<Heard> decode(String payload) {
        List<String> f = Arrays.stream(payload.split(" ", -1))
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
        if (f.size() < 2) {
            return Optional.empty();
        }
        try {
            return change(f).map(c -> new Heard(f.get(0), c));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Change> change(List<String> f) {
        int n = f.size();
        return switch (f.get(1)) {
            case "realm" -> n == 3 ? Optional.of(new Change.RealmChanged(f.get(2))) : Optional.empty();
            case "cut-off" ->
                n == 5
                        ? Optional.of(new Change.CutOff(
                                Change.Level.valueOf(f.get(2)),
                                f.get(3),
                                Instant.ofEpochMilli(Long.parseLong(f.get(4)))))
                        : Optional.empty();
            case "client" -> n == 4 ? Optional.of(new Change.ClientChanged(f.get(2), f.get(3))) : Optional.empty();
            case "user" -> n == 4 ? Optional.of(new Change.UserChanged(f.get(2), f.get(3))) : Optional.empty();
            case "access-token" ->
                n == 4
                        ? Optional.of(
                                new Change.AccessTokenRevoked(f.get(2), Instant.ofEpochMilli(Long.parseLong(f.get(3)))))
                        : Optional.empty();
            case "stream" -> n == 3 ? Optional.of(new Change.StreamQueued(f.get(2))) : Optional.empty();
            case "outbox" -> Optional.of(new Change.OutboxQueued());
            case "group-lifetimes" -> Optional.of(new Change.GroupLifetimesChanged());
            case "everything" -> Optional.of(new Change.Everything());
            case "sessions" ->
                n >= 3
                        ? Optional.of(new Change.SessionsRevoked(
                                f.subList(3, n), Instant.ofEpochMilli(Long.parseLong(f.get(2)))))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String join(String... fields) {
        return String.join(
                " ",
                Arrays.stream(fields)
                        .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))
                        .toList());
    }
}
