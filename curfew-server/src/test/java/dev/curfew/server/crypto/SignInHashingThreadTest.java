package dev.curfew.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.engine.testing.HeldHasher;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Where a sign-in's password is hashed")
class SignInHashingThreadTest {

    @Test
    @DisplayName("regression: a flood of wrong passwords could hold every carrier thread, because each sign-in hashed"
            + " on its request's virtual thread; now it is verified on the hashing pool's platform threads")
    void signInsAreVerifiedOnThePoolNotOnTheRequestsVirtualThread() {
        HeldHasher hasher = new HeldHasher();
        try (TestCurfew curfew = TestCurfew.start(Map.of(), new MutableClock(), hasher)) {
            TestRealm realm = TestRealm.create(curfew);
            var cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
            realm.user("alice");

            HttpResponse<String> response = curfew.postForm(
                    realm.tokenPath(),
                    Map.of("grant_type", "password", "username", "alice", "password", "a wrong password"),
                    cli.basicHeader());

            assertThat(response.statusCode()).isEqualTo(400);
            HeldHasher.Verification verification = hasher.started().getLast();
            assertThat(verification.password()).isEqualTo("a wrong password");
            assertThat(verification.virtualThread()).isFalse();
            assertThat(verification.threadName()).startsWith("curfew-password-hash-");
        }
    }
}
