package dev.curfew.engine.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §3.3: the scopes Curfew grants")
class ScopesTest {

    @Test
    @DisplayName("known scopes are granted and unknown ones dropped")
    void unknownScopesAreDropped() {
        assertThat(Scopes.granted("openid admin email write:all").values())
                .containsExactlyInAnyOrder("openid", "email");
    }

    @Test
    @DisplayName("null, empty and blank requests grant nothing")
    void emptyRequestsGrantNothing() {
        assertThat(Scopes.granted(null).values()).isEmpty();
        assertThat(Scopes.granted("").values()).isEmpty();
        assertThat(Scopes.granted("   ").values()).isEmpty();
    }

    @Test
    @DisplayName("§3.3: scopes are space-delimited; repeated and extra spaces do not matter")
    void spacesAndRepetitionsDoNotMatter() {
        assertThat(Scopes.granted("  openid   profile openid ").values())
                .containsExactlyInAnyOrder("openid", "profile");
    }

    @Test
    @DisplayName("§3.3: scope values are case-sensitive")
    void scopesAreCaseSensitive() {
        assertThat(Scopes.granted("OpenID Profile").values()).isEmpty();
    }

    @Test
    @DisplayName("the string form is sorted, so equal sets print the same")
    void stringFormIsSorted() {
        assertThat(Scopes.granted("profile openid email").toString()).isEqualTo("email openid profile");
        assertThat(Scopes.granted("email openid profile").toString()).isEqualTo("email openid profile");
    }

    @Test
    @DisplayName("§6: narrowing keeps only what was granted")
    void narrowingKeepsOnlyGranted() {
        Scopes granted = Scopes.granted("openid email");
        assertThat(granted.narrowTo("openid profile").values()).containsExactly("openid");
        assertThat(granted.narrowTo("").values()).isEmpty();
    }

    @Test
    @DisplayName("has answers for exact values only")
    void hasAnswersExactly() {
        Scopes scopes = Scopes.granted("openid offline_access");
        assertThat(scopes.has(Scopes.OPENID)).isTrue();
        assertThat(scopes.has("offline_access")).isTrue();
        assertThat(scopes.has("offline")).isFalse();
    }

    @Test
    @DisplayName("tabs and line ends separate scopes too; other characters, a no-break space among them, do not")
    void whiteSpaceSeparates() {
        assertThat(Scopes.granted("openid\tprofile\nemail\r\n\u000Boffline_access\f")
                        .values())
                .containsExactlyInAnyOrder("openid", "profile", "email", "offline_access");
        assertThat(Scopes.granted("openid\u00A0profile").values()).isEmpty();
        assertThat(Scopes.granted("openid,profile").values()).isEmpty();
    }

    @Test
    @DisplayName("a set of scopes holds only scopes Curfew grants")
    void onlySupportedScopes() {
        assertThat(new Scopes(Set.of("openid", "profile")).toString()).isEqualTo("openid profile");
        assertThatThrownBy(() -> new Scopes(Set.of("openid", "admin"))).isInstanceOf(IllegalArgumentException.class);
    }
}
