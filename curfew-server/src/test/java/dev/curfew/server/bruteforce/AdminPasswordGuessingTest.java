package dev.curfew.server.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Guessing the administrator's password, as an attacker spread over many addresses would: over the public
 * password grant of {@code admin-cli}, a guess every two seconds. Its own server, since it locks the administrator.
 */
@DisplayName("Brute-force protection of the administrator")
class AdminPasswordGuessingTest {

    @Test
    @DisplayName("regression: after 360 wrong passwords for admin, the right one is refused until the lock ends")
    void threeHundredSixtyWrongPasswordsForAdminNoLongerLetTheRightOneInAtOnce() {
        try (TestCurfew curfew = TestCurfew.start(Map.of("proxy-headers", "true"))) {
            Map<String, String> form = new HashMap<>(
                    Map.of("grant_type", "password", "client_id", "admin-cli", "username", TestCurfew.ADMIN_USER));
            for (int i = 0; i < 360; i++) {
                form.put("password", "guess-" + i);
                HttpResponse<String> wrong = token(curfew, form, i);
                assertThat(wrong.statusCode()).isEqualTo(400);
                curfew.clock().advance(Duration.ofSeconds(2));
            }
            form.put("password", TestCurfew.ADMIN_PASSWORD);

            HttpResponse<String> right = token(curfew, form, 360);
            assertThat(right.statusCode()).as(right.body()).isEqualTo(400);
            assertThat(TestCurfew.json(right).get("error").asText()).isEqualTo("invalid_grant");

            curfew.clock().advance(Duration.ofMinutes(15));
            HttpResponse<String> later = token(curfew, form, 361);
            assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        }
    }

    /** A password grant from address 10.0.x.y, a different one for each attempt. */
    private static HttpResponse<String> token(TestCurfew curfew, Map<String, String> form, int attempt) {
        return curfew.postForm(
                "/realms/master/protocol/openid-connect/token",
                form,
                "X-Forwarded-For",
                "10.0." + (attempt >> 8) + "." + (attempt & 255));
    }
}
