package dev.curfew.core.privilege;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Privileges: which grants a set of privileges includes")
class PrivilegesTest {
    private static final String USER = "u1";

    private static Privileges of(String... claims) {
        return Privileges.fromClaim(USER, List.of(claims));
    }

    private static PrivilegeGrant grant(Privilege privilege, String realm) {
        return new PrivilegeGrant("u2", privilege, realm);
    }

    @Test
    @DisplayName("a grant is included by the same privilege for its realm, or for every realm")
    void samePrivilegeForTheRealmOrEveryRealm() {
        PrivilegeGrant auditorOfDemo = grant(Privilege.AUDITOR, "demo");

        assertThat(of("AUDITOR@demo").includes(auditorOfDemo)).isTrue();
        assertThat(of("AUDITOR@*").includes(auditorOfDemo)).isTrue();
        assertThat(of("AUDITOR@other").includes(auditorOfDemo)).isFalse();
        assertThat(of("SESSION_VIEWER@demo").includes(auditorOfDemo)).isFalse();
    }

    @Test
    @DisplayName("system administration for a realm includes every privilege there, and only there")
    void systemAdministrationOfTheRealm() {
        assertThat(of("SYSTEM_ADMINISTRATOR@demo").includes(grant(Privilege.USER_ADMINISTRATOR, "demo")))
                .isTrue();
        assertThat(of("SYSTEM_ADMINISTRATOR@demo").includes(grant(Privilege.USER_ADMINISTRATOR, "master")))
                .isFalse();
        assertThat(of("SYSTEM_ADMINISTRATOR@*").includes(grant(Privilege.SYSTEM_ADMINISTRATOR, "*")))
                .isTrue();
    }

    @Test
    @DisplayName("a grant for every realm is included only by a grant for every realm")
    void everyRealmNeedsEveryRealm() {
        PrivilegeGrant viewerEverywhere = grant(Privilege.SESSION_VIEWER, "*");

        assertThat(of("SESSION_VIEWER@demo", "SESSION_VIEWER@master").includes(viewerEverywhere))
                .isFalse();
        assertThat(of("SYSTEM_ADMINISTRATOR@master").includes(grant(Privilege.SYSTEM_ADMINISTRATOR, "*")))
                .isFalse();
        assertThat(of("SESSION_VIEWER@*").includes(viewerEverywhere)).isTrue();
    }

    @Test
    @DisplayName("includesAll needs every grant; an empty list is always included")
    void includesAll() {
        Privileges p = of("USER_ADMINISTRATOR@master", "AUDITOR@demo");

        assertThat(p.includesAll(List.of())).isTrue();
        assertThat(p.includesAll(
                        List.of(grant(Privilege.AUDITOR, "demo"), grant(Privilege.USER_ADMINISTRATOR, "master"))))
                .isTrue();
        assertThat(p.includesAll(List.of(grant(Privilege.AUDITOR, "demo"), grant(Privilege.AUDITOR, "master"))))
                .isFalse();
    }

    @Test
    @DisplayName("stillIn keeps only the token's grants that are still stored, never widening them")
    void stillInKeepsOnlyCurrentGrants() {
        Privileges token = of("SYSTEM_ADMINISTRATOR@*", "AUDITOR@demo");
        List<PrivilegeGrant> stored = List.of(
                new PrivilegeGrant(USER, Privilege.AUDITOR, "demo"),
                new PrivilegeGrant(USER, Privilege.USER_ADMINISTRATOR, "master"));

        Privileges current = token.stillIn(stored);

        assertThat(current.grants()).containsExactly(new PrivilegeGrant(USER, Privilege.AUDITOR, "demo"));
        assertThat(current.allows(Privilege.USER_ADMINISTRATOR, "master"))
                .as("a grant added after the token was issued is not in it")
                .isFalse();
        assertThat(current.allowsEverywhere(Privilege.SYSTEM_ADMINISTRATOR)).isFalse();
    }
}
