package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.e2e.support.Balancer.ServerState;
import dev.curfew.e2e.support.Cluster;
import dev.curfew.e2e.support.Cluster.Node;
import dev.curfew.e2e.support.CurfewHttp;
import dev.curfew.e2e.support.CurfewHttp.Answer;
import dev.curfew.e2e.support.DemoRealm;
import dev.curfew.e2e.support.DemoRealm.Client;
import dev.curfew.e2e.support.DemoRealm.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curfew as three nodes on one PostgreSQL behind HAProxy (round robin, no stickiness, health checks on {@code
 * /health/ready}): what holds when any request may reach any node. Clients talk to the balancer; to show that
 * something holds everywhere, the test then asks each node directly. One cluster serves every test of the class
 * (starting it is most of the run time); a test that kills a node starts it again before it ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int NODES = 3;

    @TempDir
    static Path directory;

    static Cluster cluster;
    static CurfewHttp balancer;
    static DemoRealm demo;
    static Client app;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = Cluster.start(directory, NODES);
        balancer = cluster.http();
        demo = new DemoRealm(balancer, balancer.adminToken("admin", cluster.adminPassword()));
        app = demo.createClient("cluster-app");
    }

    @AfterAll
    static void stopCluster() {
        if (balancer != null) {
            balancer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a user and a session signed out through the balancer are refused by every node: refresh and"
            + " introspection")
    void signOutHoldsOnEveryNode() {
        Tokens alice = demo.signIn(app, "alice", cluster.demoPasswords().get("alice"));
        Tokens bob = demo.signIn(app, "bob", cluster.demoPasswords().get("bob"));
        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                assertThat(demo.via(direct).active(alice))
                        .as("alice's token on %s before", node)
                        .isTrue();
                assertThat(demo.via(direct).active(bob))
                        .as("bob's token on %s before", node)
                        .isTrue();
            }
        }

        demo.signOutUser(alice.userId());
        demo.signOutSession(bob.sid());

        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                DemoRealm there = demo.via(direct);
                for (Tokens tokens : List.of(alice, bob)) {
                    String who = tokens == alice ? "alice (user sign-out)" : "bob (session sign-out)";
                    assertThat(there.refresh(tokens).text("error"))
                            .as("%s: refresh on %s", who, node)
                            .isEqualTo("invalid_grant");
                    assertThat(there.active(tokens))
                            .as("%s: introspection on %s", who, node)
                            .isFalse();
                }
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("the admin API works round robin: a token issued by any node is accepted by every node, and"
            + " requests through the balancer reach every node")
    void adminApiWorksRoundRobin() {
        for (Node issuer : cluster.nodes()) {
            String token;
            try (CurfewHttp direct = issuer.http()) {
                token = direct.adminToken("admin", cluster.adminPassword());
            }
            assertThat(CurfewHttp.claims(token).path("iss").asText())
                    .as("issuer of a token from %s", issuer)
                    .isEqualTo(cluster.url() + "/realms/master");
            for (Node node : cluster.nodes()) {
                try (CurfewHttp direct = node.http()) {
                    assertThat(direct.get("/admin/realms", token).status())
                            .as("a token from %s on %s", issuer, node)
                            .isEqualTo(200);
                }
            }
        }

        Map<String, ServerState> before = cluster.balancer().servers();
        String userId = DemoRealm.expect(
                        demo.admin(
                                "POST", "/admin/realms/demo/users", Map.of("username", "round-robin", "enabled", true)),
                        201)
                .text("id");
        for (int i = 0; i < 3 * NODES; i++) {
            assertThat(demo.adminGet("/admin/realms/demo/users/" + userId)
                            .path("username")
                            .asText())
                    .as("read %d through the balancer", i)
                    .isEqualTo("round-robin");
        }
        Map<String, ServerState> after = cluster.balancer().servers();
        for (Node node : cluster.nodes()) {
            assertThat(after.get(node.name()).requests()
                            - before.get(node.name()).requests())
                    .as("requests the balancer sent to %s", node)
                    .isPositive();
        }
    }

    @Test
    @Order(3)
    @DisplayName("a node killed with kill -9 is taken out by the balancer's health check, requests keep"
            + " succeeding, and the node restarted takes requests again")
    void killedNodeIsTakenOut() {
        Node victim = cluster.node(2);
        assertThat(victim.kill()).as("exit code of SIGKILL").isEqualTo(128 + 9);

        List<String> failures = new ArrayList<>();
        int requests = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.balancer().servers().get(victim.name()).up() && System.nanoTime() < deadline) {
            requests += requestsThroughBalancer(failures);
        }
        assertThat(cluster.balancer().servers().get(victim.name()).up())
                .as("%s still up for the balancer 20 s after its kill", victim)
                .isFalse();
        for (int i = 0; i < 3 * NODES; i++) {
            requests += requestsThroughBalancer(failures);
        }
        assertThat(failures)
                .as("failed of %d requests through the balancer", requests)
                .isEmpty();

        victim.restart();
        cluster.balancer().awaitStatus(victim.name(), "UP", Duration.ofSeconds(30));
        long before = cluster.balancer().servers().get(victim.name()).requests();
        for (int i = 0; i < 3 * NODES; i++) {
            requestsThroughBalancer(failures);
        }
        assertThat(failures).as("failures after the restart").isEmpty();
        assertThat(cluster.balancer().servers().get(victim.name()).requests())
                .as("requests sent to %s after its restart", victim)
                .isGreaterThan(before);
    }

    /** A sign-in, an admin API read and a discovery read through the balancer; failures are added to the list. */
    private static int requestsThroughBalancer(List<String> failures) {
        List<Answer> answers = List.of(
                demo.passwordGrant(app, "carol", cluster.demoPasswords().get("carol")),
                balancer.get("/admin/realms/demo", demo.adminToken()),
                balancer.get("/realms/demo/.well-known/openid-configuration", demo.adminToken()));
        answers.stream().filter(a -> a.status() != 200).forEach(a -> failures.add(a.toString()));
        return answers.size();
    }
}
