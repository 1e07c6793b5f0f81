package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestRealm;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew playbook: the situations as one command each, previewable with --dry-run")
class PlaybookCommandTest {
    @TempDir
    static Path dir;

    static CliKit kit;

    @BeforeAll
    static void start() {
        kit = CliKit.start(dir);
    }

    @AfterAll
    static void stop() {
        kit.close();
    }

    @Test
    @DisplayName("lost-device --dry-run previews and changes nothing; the run ends the phone's session only")
    void lostDevice() {
        TestRealm realm = kit.realm();
        realm.user("ann");
        JsonNode phone = kit.login(realm, CliKit.APP, "ann", "192.0.2.10", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)");
        JsonNode laptop = kit.login(realm, "ann");

        var preview = kit.run(
                "playbook",
                "lost-device",
                "--realm",
                realm.name(),
                "--user",
                "ann",
                "--user-agent",
                "iPhone",
                "--reason",
                "phone stolen",
                "--dry-run");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out())
                .contains("Preview of playbook lost-device", "sign-out: would-run", "affectedSessions 1");
        assertThat(kit.userinfoStatus(realm, phone)).isEqualTo(200);

        var run = kit.run(
                "playbook",
                "lost-device",
                "--realm",
                realm.name(),
                "--user",
                "ann",
                "--user-agent",
                "iPhone",
                "--reason",
                "phone stolen");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Playbook lost-device (phone stolen):", "sign-out: done");
        assertThat(kit.userinfoStatus(realm, phone)).isEqualTo(401);
        assertThat(kit.userinfoStatus(realm, laptop)).isEqualTo(200);
    }

    @Test
    @DisplayName(
            "offboarding takes several users; an option the playbook does not take, or an unknown one, is a usage error")
    void offboardingAndUsage() {
        TestRealm realm = kit.realm();
        realm.user("leaver");
        realm.user("mover");
        JsonNode leaver = kit.login(realm, "leaver");
        JsonNode mover = kit.login(realm, "mover");

        var run = kit.run(
                "playbook",
                "offboarding",
                "--realm",
                realm.name(),
                "--user",
                "leaver",
                "--user",
                "mover",
                "--reason",
                "team closed");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(kit.userinfoStatus(realm, leaver)).isEqualTo(401);
        assertThat(kit.userinfoStatus(realm, mover)).isEqualTo(401);

        var wrong = kit.run(
                "playbook",
                "offboarding",
                "--realm",
                realm.name(),
                "--user",
                "x",
                "--ip",
                "10.0.0.0/8",
                "--reason",
                "x");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wrong.err()).contains("does not take --ip");
        var unknown = kit.run("playbook", "panic", "--realm", realm.name(), "--reason", "x");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("Unknown playbook 'panic'");
    }

    @Test
    @DisplayName("password-compromise --all-users requires a new password of everyone and signs the realm out")
    void passwordCompromiseForEveryone() {
        TestRealm realm = kit.realm();
        realm.user("vic");
        JsonNode vic = kit.login(realm, "vic");

        var run = kit.run(
                "playbook", "password-compromise", "--realm", realm.name(), "--all-users", "--reason", "breach");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("require-password-change: done", "users all", "sign-out: done");
        assertThat(kit.userinfoStatus(realm, vic)).isEqualTo(401);
    }

    @Test
    @DisplayName("compliance --every weekly plans the sign-out and --report-dir saves the report as CSV and JSON")
    void complianceWithReport() throws java.io.IOException {
        TestRealm realm = kit.realm();
        realm.user("wyn");
        kit.login(realm, "wyn");
        Path reports = dir.resolve("reports-" + realm.name());

        var run = kit.run(
                "playbook",
                "compliance",
                "--realm",
                realm.name(),
                "--every",
                "weekly",
                "--day",
                "sunday",
                "--time",
                "02:00",
                "--reason",
                "weekly clean slate",
                "--report-dir",
                reports.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("schedule-sign-out: planned", "frequency weekly", "sessions-report: done");
        try (var files = java.nio.file.Files.list(reports)) {
            java.util.List<Path> saved = files.sorted().toList();
            assertThat(saved)
                    .extracting(p -> p.getFileName().toString().replaceAll(".*\\.", ""))
                    .containsExactly("csv", "json");
            assertThat(java.nio.file.Files.readString(saved.get(0)))
                    .startsWith("id,username")
                    .contains("wyn");
        }
        var missing = kit.run("playbook", "compliance", "--realm", realm.name(), "--reason", "x");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("recurrence");
    }

    @Test
    @DisplayName("migration pauses sign-ins, signs the realm out and --export-to saves the export; curfew export too")
    void migrationAndExport() throws java.io.IOException {
        TestRealm realm = kit.realm();
        realm.user("xia");
        JsonNode xia = kit.login(realm, "xia");
        Path file = dir.resolve("export-" + realm.name() + ".json");

        var run = kit.run(
                "playbook",
                "migration",
                "--realm",
                realm.name(),
                "--maintenance",
                "Moving to the new platform",
                "--reason",
                "Move to region B",
                "--export-to",
                file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("start-maintenance: done", "sign-out: done", "export: done", "Export written to");
        assertThat(kit.userinfoStatus(realm, xia)).isEqualTo(401);
        JsonNode exported =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Files.readString(file));
        assertThat(exported.get("realm").asText()).isEqualTo(realm.name());
        assertThat(exported.get("users").findValuesAsText("username")).contains("xia");
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        var export = kit.run("export", "--realm", realm.name(), "--clients");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("\"clients\"").doesNotContain("\"users\"");
        var wrong = kit.run(
                "playbook",
                "offboarding",
                "--realm",
                realm.name(),
                "--user",
                "xia",
                "--reason",
                "x",
                "--export-to",
                "f");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wrong.err()).contains("does not take --export-to");
    }

    @Test
    @DisplayName("high-risk-period signs out the --group and shortens its members' tokens --until the end")
    void highRiskPeriod() {
        TestRealm realm = kit.realm();
        String yan = realm.user("yan").id();
        JsonNode session = kit.login(realm, "yan");
        String groups = "/admin/realms/" + realm.name() + "/groups";
        var bearer = dev.curfew.server.testing.TestCurfew.bearer(kit.curfew.adminToken());
        String group = dev.curfew.server.testing.TestCurfew.json(
                        kit.curfew.postJson(groups, java.util.Map.of("name", "Board"), bearer))
                .get("id")
                .asText();
        kit.curfew.putJson(
                "/admin/realms/" + realm.name() + "/users/" + yan + "/groups/" + group, java.util.Map.of(), bearer);

        var run = kit.run(
                "playbook",
                "high-risk-period",
                "--realm",
                realm.name(),
                "--group",
                "Board",
                "--until",
                kit.curfew.clock().instant().plusSeconds(3600).toString(),
                "--access-token-lifespan",
                "30",
                "--reason",
                "Board travelling");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("shorten-token-lifetimes: done", "accessTokenLifespan 30", "sign-out: done");
        assertThat(kit.userinfoStatus(realm, session)).isEqualTo(401);
    }
}
