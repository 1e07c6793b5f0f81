package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.server.ssf.SsfReceiver;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What Shared Signals receivers hear of a user's own actions in the account console (CAEP 1.0). */
@DisplayName("Account console: CAEP events initiated by the user")
class AccountConsoleSharedSignalsTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName(
            "changing the password and signing out the other devices: credential-change and session-revoked, by the user")
    void passwordChangeAndOtherDevices() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        var web = realm.confidentialClient("web");
        SsfReceiver receiver = SsfReceiver.register(realm, "guard");
        String stream = receiver.createPoll();
        var bob = realm.user("bob");
        String laptop = ConsoleDriver.otherDevice(realm, web, "bob");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("bob");

        String path = realm.path("/account/password");
        var form = console.open(path);
        var response = console.submit(
                form,
                path,
                "csrf",
                Map.of(
                        ChangePasswordEndpoint.CURRENT,
                        TestRealm.PASSWORD,
                        ChangePasswordEndpoint.NEW,
                        NEW_PASSWORD,
                        ChangePasswordEndpoint.AGAIN,
                        NEW_PASSWORD,
                        ChangePasswordEndpoint.SIGN_OUT_OTHERS,
                        "yes"));
        assertThat(response.statusCode()).isEqualTo(303);

        List<JWTClaimsSet> sets = receiver.drain(stream);
        assertThat(sets)
                .extracting(s -> SsfReceiver.event(s).getKey())
                .containsExactly(SsfReceiver.CREDENTIAL_CHANGE, SsfReceiver.SESSION_REVOKED);
        assertThat(SsfReceiver.event(sets.get(0)).getValue())
                .containsEntry("change_type", "update")
                .containsEntry("initiating_entity", "user");
        assertThat(SsfReceiver.subId(sets.get(0)).get("user").get("sub").asText())
                .isEqualTo(bob.id());
        assertThat(SsfReceiver.event(sets.get(1)).getValue()).containsEntry("initiating_entity", "user");
        assertThat(SsfReceiver.subId(sets.get(1)).get("session").get("id").asText())
                .isEqualTo(laptop);
    }
}
