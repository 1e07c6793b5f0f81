package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.problem;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;

import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The admin API's own bearer check applies the same validity rule as every other check")
class SignedOutAdministratorTest {
    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String sidOf(String token) {
        try {
            return dev.curfew.server.testing.OidcFlow.claims(token).getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName(
            "an administrator signed out (user scope, master realm) gets 401 with their old token; a new login works")
    void userScopeInMasterShutsTheAdminOut() {
        SignOutApi.Admin admin = api.newAdmin("SESSION_VIEWER@*");
        expect(curfew.get("/admin/realms/master/sessions", TestCurfew.bearer(admin.token())), 200);
        curfew.clock().advance(Duration.ofSeconds(1));

        api.signOut("master", userScope(admin.id()), "administrator left the company");
        curfew.clock().advance(Duration.ofSeconds(1));

        problem(curfew.get("/admin/realms/master/sessions", TestCurfew.bearer(admin.token())), 401);
        String fresh = curfew.passwordToken("master", "admin-cli", admin.username(), SignOutApi.ADMIN_PASSWORD)
                .get("access_token")
                .asText();
        expect(curfew.get("/admin/realms/master/sessions", TestCurfew.bearer(fresh)), 200);
    }

    @Test
    @DisplayName(
            "an administrator whose session is signed out gets 401 with that session's token; their other session works")
    void sessionScopeInMasterShutsThatSessionOut() {
        SignOutApi.Admin admin = api.newAdmin("SESSION_VIEWER@*");
        String other = curfew.passwordToken("master", "admin-cli", admin.username(), SignOutApi.ADMIN_PASSWORD)
                .get("access_token")
                .asText();
        curfew.clock().advance(Duration.ofSeconds(1));

        api.signOut("master", sessionScope(sidOf(admin.token())), "token seen in a log file");

        problem(curfew.get("/admin/realms/master/sessions", TestCurfew.bearer(admin.token())), 401);
        expect(curfew.get("/admin/realms/master/sessions", TestCurfew.bearer(other)), 200);
    }
}
