package dev.curfew.engine.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.engine.password.Argon2idPasswordHasher.Parameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 9106 Argon2id, encoded in the PHC string format")
class Argon2idPasswordHasherTest {
    /** Light parameters keep the test fast; the OWASP ones are checked once, below. */
    private static final Parameters LIGHT = new Parameters(64, 1, 1);
    /** The blocks one hash at {@link #LIGHT} takes: its memory, and the few Bouncy Castle works with. */
    private static final long LIGHT_BLOCKS = Argon2BytesGenerator.getBlockCount(64, 1);

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(LIGHT);

    @Test
    @DisplayName("a hash verifies the password it was made from")
    void hashVerifiesItsPassword() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
    }

    @Test
    @DisplayName("a wrong password does not verify, not even one differing in case or by a character")
    void wrongPasswordDoesNotVerify() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("Correct horse battery".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("correct horse batter".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    @DisplayName("non-ASCII passwords are hashed as UTF-8 and verify")
    void unicodePasswordsVerify() {
        String hash = hasher.hash("pässwörd-密码-🔑".toCharArray());
        assertThat(hasher.verify("pässwörd-密码-🔑".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("passwort-密码-🔑".toCharArray(), hash)).isFalse();
    }

    @Test
    @DisplayName("PHC format: $argon2id$v=19$m=..,t=..,p=..$<22-char salt>$<43-char hash>, unpadded base64")
    void hashIsInPhcFormat() {
        String hash = new Argon2idPasswordHasher().hash("correct horse battery".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    @DisplayName("a decoy has the form and parameters of a real hash (so verifying against it derives as much), and"
            + " no password verifies against it")
    void decoyIsAHashNoPasswordMatches() {
        Argon2idPasswordHasher owasp = new Argon2idPasswordHasher();
        String decoy = owasp.decoy();
        assertThat(decoy).matches("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(owasp.needsRehash(decoy)).isFalse();
        assertThat(owasp.decoy()).isNotEqualTo(decoy);

        String light = hasher.decoy();
        for (String password : new String[] {"", "password", "correct horse battery", "pässwörd-密码-🔑"}) {
            assertThat(hasher.verify(password.toCharArray(), light)).isFalse();
        }
    }

    @Test
    @DisplayName("each hash has its own random salt")
    void eachHashHasItsOwnSalt() {
        String first = hasher.hash("same password".toCharArray());
        String second = hasher.hash("same password".toCharArray());
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("same password".toCharArray(), second)).isTrue();
    }

    @Test
    @DisplayName("a hash made with other parameters still verifies, and needs a re-hash")
    void otherParametersVerifyAndNeedRehash() {
        Argon2idPasswordHasher old = new Argon2idPasswordHasher(new Parameters(32, 1, 1));
        String oldHash = old.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("correct horse battery".toCharArray(), oldHash))
                .isTrue();
        assertThat(hasher.needsRehash(oldHash)).isTrue();
        assertThat(old.needsRehash(oldHash)).isFalse();
    }

    @Test
    @DisplayName("each parameter on its own triggers a re-hash: memory, iterations, parallelism")
    void eachParameterTriggersRehash() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(new Argon2idPasswordHasher(new Parameters(128, 1, 1)).needsRehash(hash))
                .isTrue();
        assertThat(new Argon2idPasswordHasher(new Parameters(64, 2, 1)).needsRehash(hash))
                .isTrue();
        assertThat(new Argon2idPasswordHasher(new Parameters(64, 1, 2)).needsRehash(hash))
                .isTrue();
    }

    @Test
    @DisplayName("malformed or foreign hashes never verify, never throw, and always need a re-hash")
    void malformedHashesNeverVerify() {
        String good = hasher.hash("pw-pw-pw-pw".toCharArray());
        String[] bad = {
            null,
            "",
            "plaintext",
            good.replace("$argon2id$", "$argon2i$"),
            good.replace("$v=19$", "$v=16$"),
            good.replace("m=64", "m=x"),
            good.replace("m=64", "q=64"),
            good.substring(0, good.lastIndexOf('$')),
            good.substring(0, good.lastIndexOf('$') + 1) + "!!!not-base64!!!",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
        };
        for (String hash : bad) {
            assertThat(hasher.verify("pw-pw-pw-pw".toCharArray(), hash))
                    .as(hash)
                    .isFalse();
            assertThat(hasher.needsRehash(hash)).as(hash).isTrue();
        }
    }

    @Test
    @DisplayName("memory kept from earlier hashes derives exactly what fresh memory does")
    void reusedMemoryDerivesWhatFreshMemoryDoes() {
        Argon2idPasswordHasher twoPasses = new Argon2idPasswordHasher(new Parameters(64, 3, 2));
        for (int i = 0; i < 20; i++) {
            String password = "password number " + i;
            String hash = twoPasses.hash(password.toCharArray());
            String[] parts = hash.split("\\$");
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            byte[] expected = Base64.getDecoder().decode(parts[5]);

            assertThat(freshDerivation(password, salt, 64, 3, 2, expected.length))
                    .isEqualTo(expected);
            assertThat(twoPasses.verify(password.toCharArray(), hash)).isTrue();
            assertThat(twoPasses.verify((password + "!").toCharArray(), hash)).isFalse();
        }
    }

    @Test
    @DisplayName("what is kept between hashes is at most one hash's blocks at the current parameters per arena")
    void keptMemoryIsBounded() {
        String larger = new Argon2idPasswordHasher(new Parameters(256, 1, 1)).hash("pw-pw-pw-pw".toCharArray());
        assertThat(hasher.verify("pw-pw-pw-pw".toCharArray(), larger)).isTrue();
        assertThat(hasher.idleBlocks()).isEqualTo(LIGHT_BLOCKS);

        hasher.hash("another password".toCharArray());
        assertThat(hasher.idleBlocks()).isEqualTo(LIGHT_BLOCKS);
    }

    @Test
    @DisplayName("hashes on many threads at once each get memory of their own")
    void concurrentHashesDoNotShareMemory() throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                String password = "thread " + t + " password";
                results.add(executor.submit(() -> {
                    boolean right = true;
                    for (int i = 0; i < 25; i++) {
                        String hash = hasher.hash(password.toCharArray());
                        right &= hasher.verify(password.toCharArray(), hash);
                        right &= !hasher.verify((password + i).toCharArray(), hash);
                    }
                    return right;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(hasher.idleBlocks())
                .isLessThanOrEqualTo(LIGHT_BLOCKS * Runtime.getRuntime().availableProcessors());
    }

    /** Bouncy Castle on its own, allocating every block anew. */
    private static byte[] freshDerivation(
            String password, byte[] salt, int memoryKiB, int iterations, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @Test
    @DisplayName("the defaults are OWASP's 7 MiB, 5 iterations, 1 lane")
    void owaspDefaults() {
        assertThat(new Argon2idPasswordHasher().parameters()).isEqualTo(new Parameters(7 * 1024, 5, 1));
    }

    @Test
    @DisplayName("impossible parameters are refused")
    void impossibleParametersAreRefused() {
        assertThatThrownBy(() -> new Parameters(8, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Parameters(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Parameters(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
