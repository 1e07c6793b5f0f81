package dev.curfew.core.realm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A realm: an isolated namespace of users, clients, sessions and signing keys, with its own issuer
 * {@code {base}/realms/{name}}.
 *
 * @param notBefore the realm-wide cut-off: tokens and sessions issued before it are invalid. Empty
 *     when never set.
 */
public record Realm(
        String id,
        String name,
        String displayName,
        boolean enabled,
        RealmSettings settings,
        Optional<Instant> notBefore,
        Instant createdAt) {

    /** The realm every installation has: it holds the administrators and the {@code admin-cli} client. */
    public static final String MASTER = "master";

    public Realm {
        Objects.requireNonNull(id, "id");
        RealmName.validate(name);
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Realm withSettings(RealmSettings newSettings) {
        return new Realm(id, name, displayName, enabled, newSettings, notBefore, createdAt);
    }

    public Realm withDisplayName(String newDisplayName) {
        return new Realm(id, name, newDisplayName, enabled, settings, notBefore, createdAt);
    }

    public Realm withEnabled(boolean newEnabled) {
        return new Realm(id, name, displayName, newEnabled, settings, notBefore, createdAt);
    }

    public Realm withNotBefore(Optional<Instant> newNotBefore) {
        return new Realm(id, name, displayName, enabled, settings, newNotBefore, createdAt);
    }

    /** Convenience for the most read setting. */
    public Duration accessTokenLifespan() {
        return settings.accessTokenLifespan();
    }
}
