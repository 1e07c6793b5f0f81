package dev.curfew.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A first start's passwords, chosen before the database opens and hashed meanwhile")
class FirstStartPasswordsTest {
    /** Small parameters: these tests are about which hash goes with which password, not about its cost. */
    private static final PasswordHasher HASHER =
            new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1));

    private static CurfewConfig config(Map<String, String> flags) {
        return ConfigLoader.load(flags, Map.of());
    }

    @Test
    @DisplayName("the administrator's password is the configured one, or made up (and then shown); the demo users'"
            + " are new")
    void choosesThePasswords() {
        FirstStartPasswords made = FirstStartPasswords.choose(config(Map.of("demo", "true")));
        assertThat(made.adminGenerated()).isTrue();
        assertThat(made.admin()).hasSize(43);
        assertThat(made.demo()).containsOnlyKeys(DemoRealm.USERS);
        assertThat(made.demo().keySet()).containsExactlyElementsOf(DemoRealm.USERS);
        assertThat(made.demo().values())
                .allSatisfy(p -> assertThat(p).hasSize(16))
                .doesNotHaveDuplicates();

        FirstStartPasswords configured =
                FirstStartPasswords.choose(config(Map.of("admin-password", "correct horse battery staple")));
        assertThat(configured.adminGenerated()).isFalse();
        assertThat(configured.admin()).isEqualTo("correct horse battery staple");
        assertThat(configured.demo()).isEmpty();
    }

    @Test
    @DisplayName("each password's hash made ahead is that password's; a password not hashed ahead has none")
    void hashesEachPasswordAhead() {
        FirstStartPasswords passwords =
                FirstStartPasswords.choose(config(Map.of("demo", "true"))).hashAhead(HASHER);
        assertThat(passwords.hashOf(passwords.admin()))
                .hasValueSatisfying(
                        hash -> assertThat(HASHER.verify(passwords.admin().toCharArray(), hash))
                                .isTrue());
        passwords
                .demo()
                .forEach((user, password) -> assertThat(passwords.hashOf(password))
                        .as(user)
                        .hasValueSatisfying(hash -> assertThat(HASHER.verify(password.toCharArray(), hash))
                                .isTrue()));
        assertThat(passwords.hashOf("another password")).isEmpty();
    }

    @Test
    @DisplayName("without hashAhead (a database that is not new) nothing is hashed ahead")
    void nothingAheadWithoutAsking() {
        FirstStartPasswords passwords = FirstStartPasswords.choose(config(Map.of("demo", "true")));
        assertThat(passwords.hashOf(passwords.admin())).isEmpty();
    }

    @Test
    @DisplayName("a hash that failed to be made ahead is none: the bootstrap hashes the password itself")
    void aFailedHashIsNone() {
        PasswordHasher failing = new PasswordHasher() {
            @Override
            public String hash(char[] password) {
                throw new IllegalStateException("no memory for the hash");
            }

            @Override
            public boolean verify(char[] password, String encodedHash) {
                return false;
            }

            @Override
            public boolean needsRehash(String encodedHash) {
                return false;
            }

            @Override
            public String decoy() {
                return "";
            }
        };
        FirstStartPasswords passwords =
                FirstStartPasswords.choose(config(Map.of())).hashAhead(failing);
        assertThat(passwords.hashOf(passwords.admin())).isEmpty();
    }
}
