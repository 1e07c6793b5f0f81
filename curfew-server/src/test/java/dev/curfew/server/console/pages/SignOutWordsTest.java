package dev.curfew.server.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Console: a sign-out's scope and count as the history and the audit log show them")
class SignOutWordsTest {
    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("regression: a filter showed 'an IP range' and user ids; it shows the CIDR and the usernames")
    void filterAsWritten() {
        JsonNode scope = json("""
                {"type":"filter","filter":{"userIds":["u-1","u-2"],"usernames":{"u-1":"alice"},
                 "ip":"203.0.113.0/24","userAgent":"curl"}}""");

        assertThat(SignOutPages.describeScope(scope))
                .isEqualTo("sessions matching users alice, u-2; ip 203.0.113.0/24; userAgent curl");
    }

    @Test
    @DisplayName("regression: a user sign-out's audit row said 0 sessions; it shows the sign-out's count, or pending")
    void affectedOfACutOffSignOut() {
        assertThat(AuditPage.affected(json("""
                        {"action":"sign-out","affected":0,"signOut":{"status":"COMPLETED","affectedSessions":3}}"""))).isEqualTo("3");
        assertThat(AuditPage.affected(json("""
                        {"action":"sign-out","affected":0,"signOut":{"status":"RUNNING","affectedSessions":1}}"""))).isEqualTo("pending");
        assertThat(AuditPage.affected(json("""
                {"action":"privileges","affected":1}"""))).isEqualTo("1");
    }
}
