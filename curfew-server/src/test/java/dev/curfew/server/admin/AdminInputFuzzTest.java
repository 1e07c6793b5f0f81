package dev.curfew.server.admin;

import static dev.curfew.server.testing.JsonFuzz.Kind.BOOL;
import static dev.curfew.server.testing.JsonFuzz.Kind.INT;
import static dev.curfew.server.testing.JsonFuzz.Kind.LONG;
import static dev.curfew.server.testing.JsonFuzz.Kind.OBJECT;
import static dev.curfew.server.testing.JsonFuzz.Kind.OBJECT_LIST;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING_LIST;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING_MAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.FuzzCall;
import dev.curfew.server.testing.J;
import dev.curfew.server.testing.JsonFuzz;
import dev.curfew.server.testing.JsonFuzz.Bad;
import dev.curfew.server.testing.JsonFuzz.Schema;
import dev.curfew.server.testing.StoreSnapshot;
import dev.curfew.server.testing.TestCurfew;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every admin endpoint that takes a body or a filter, fed generated malformed input (see {@link JsonFuzz}): each
 * answer is a 4xx RFC 9457 problem with the security headers — never a 5xx — and the store is exactly as it was.
 * Filters and queries may be valid (then 200); they still never fail with a 5xx or change anything. One server for
 * every try; the store is compared after each call with its state after the previous one.
 */
@Label("Admin API under malformed input: a 4xx problem, never a 5xx, and nothing changed")
class AdminInputFuzzTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery staple";

    static TestCurfew curfew;
    static String token;
    static String realm;
    static String aliceId;
    static String clientUuid;
    static String sessionId;
    static String targetAdminId;
    static StoreSnapshot last;

    @BeforeContainer
    static void start() {
        curfew = TestCurfew.start();
        AdminApi api = new AdminApi(curfew);
        token = api.adminToken();
        realm = api.newRealm();
        aliceId = api.createUser(realm, "alice");
        clientUuid = api.createClient(
                realm, Map.of("clientId", "web", "redirectUris", List.of("https://app.example.test/cb")));
        sessionId = sid(api.loginToken(realm, AdminApi.CLI, "alice"));
        targetAdminId = api.newAdmin("SESSION_VIEWER@" + realm).id();
        last = StoreSnapshot.of(curfew);
    }

    private static String sid(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterContainer
    static void stop() {
        curfew.close();
    }

    // ------------------------------------------------------------------------------------------------ properties

    @Property(tries = 250)
    @Label("realms: POST /admin/realms, PUT /admin/realms/{realm}")
    void realms(@ForAll("realmCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 250)
    @Label("users: POST users, PUT users/{id}, PUT users/{id}/reset-password")
    void users(@ForAll("userCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 250)
    @Label("clients: POST clients, PUT clients/{id}")
    void clients(@ForAll("clientCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 150)
    @Label("privileges: PUT /admin/realms/master/users/{id}/privileges")
    void privileges(@ForAll("privilegeCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 300)
    @Label("sign-outs: POST sign-outs of every scope, and dry runs of arbitrary filters")
    void signOuts(@ForAll("signOutCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 300)
    @Label("queries: every list, search and filter's query parameters (users, sessions, sign-outs, deliveries,"
            + " streams, audit, session stats)")
    void queries(@ForAll("queryCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 150)
    @Label("paths and Keycloak's sign-out endpoints: unknown ids, reasons too long")
    void pathsAndReasons(@ForAll("pathCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    private static void assertRefusedAndUnchanged(FuzzCall call) {
        HttpResponse<String> response = call.send(curfew, "Bearer " + token);
        StoreSnapshot before = last;
        last = StoreSnapshot.of(curfew);
        int status = response.statusCode();
        String answer = FuzzCall.abbreviate(response.body());
        assertThat(status).as("status of %s: %s", call, answer).isLessThan(500);
        if (!call.mayBeValid()) {
            assertThat(status).as("status of %s: %s", call, answer).isBetween(400, 499);
        }
        FuzzCall.assertSecurityHeaders(response);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .as("content type of %s: %s", call, answer)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = parse(response.body());
            assertThat(problem.path("status").asInt()).as(answer).isEqualTo(status);
            assertThat(problem.path("title").isTextual()).as(answer).isTrue();
            assertThat(problem.path("detail").isTextual()).as(answer).isTrue();
        }
        assertThat(last)
                .as("the store after %s (answered %d: %s)", call, status, answer)
                .isEqualTo(before);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + FuzzCall.abbreviate(body), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ realms

    static final Schema REALM = new Schema(Map.of(
            "id", STRING,
            "realm", STRING,
            "displayName", STRING,
            "enabled", BOOL,
            "accessTokenLifespan", INT,
            "ssoSessionIdleTimeout", INT,
            "ssoSessionMaxLifespan", INT,
            "accessCodeLifespan", INT,
            "defaultSignatureAlgorithm", STRING,
            "notBefore", LONG));

    @Provide
    Arbitrary<FuzzCall> realmCalls() {
        Arbitrary<J.Obj> created = Arbitraries.just(0)
                .map(i -> J.obj()
                        .with("realm", J.str("fuzz-" + COUNTER.incrementAndGet()))
                        .with("displayName", J.str("Fuzz"))
                        .with("accessTokenLifespan", J.num("300")));
        Arbitrary<J.Obj> changed = Arbitraries.just(
                J.obj().with("displayName", J.str("Changed")).with("accessTokenLifespan", J.num("120")));
        Arbitrary<Bad> settings = Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "-2147483648").map(n -> new Bad("accessTokenLifespan", J.num(n))),
                Arbitraries.of("0", "-30").map(n -> new Bad("ssoSessionMaxLifespan", J.num(n))),
                Arbitraries.of("601", "2147483647").map(n -> new Bad("accessCodeLifespan", J.num(n))),
                Arbitraries.of("36001", "2147483647").map(n -> new Bad("ssoSessionIdleTimeout", J.num(n))),
                Arbitraries.of("HS256", "none", "", "rs256", "RS256 ")
                        .map(a -> new Bad("defaultSignatureAlgorithm", J.str(a))));
        Arbitrary<Bad> badName = Arbitraries.of(
                        "", "-leading-dash", ".dot", "a b", "a/b", "\u00e9t\u00e9", "x".repeat(65))
                .map(n -> new Bad("realm", J.str(n)));
        Arbitrary<Bad> rename = Arbitraries.of("master", "another-name").map(n -> new Bad("realm", J.str(n)));
        Arbitrary<Bad> lowerCutOff =
                Arbitraries.of("-1", "-9223372036854775808").map(n -> new Bad("notBefore", J.num(n)));
        return Arbitraries.oneOf(
                bodyCall(
                        "POST",
                        "/admin/realms",
                        JsonFuzz.unacceptable(created, REALM, Arbitraries.oneOf(badName, settings))),
                bodyCall(
                        "PUT",
                        "/admin/realms/" + realm,
                        JsonFuzz.unacceptable(changed, REALM, Arbitraries.oneOf(rename, lowerCutOff, settings))));
    }

    // ------------------------------------------------------------------------------------------------ users

    static final Schema USER = new Schema(Map.of(
            "id", STRING,
            "username", STRING,
            "email", STRING,
            "firstName", STRING,
            "lastName", STRING,
            "enabled", BOOL,
            "createdTimestamp", LONG,
            "notBefore", LONG,
            "credentials", OBJECT_LIST));

    static final Schema CREDENTIAL = new Schema(Map.of("type", STRING, "value", STRING, "temporary", BOOL));

    @Provide
    Arbitrary<FuzzCall> userCalls() {
        Arbitrary<J.Obj> created = Arbitraries.just(0)
                .map(i -> J.obj()
                        .with("username", J.str("fuzz-user-" + COUNTER.incrementAndGet()))
                        .with("email", J.str("fuzz@example.test"))
                        .with("enabled", J.bool(true))
                        .with("credentials", J.arr(credential(PASSWORD))));
        Arbitrary<J.Obj> changed =
                Arbitraries.just(J.obj().with("firstName", J.str("Alice")).with("enabled", J.bool(true)));
        Arbitrary<Bad> badCredentials = Arbitraries.of(
                        J.arr(credential("short")),
                        J.arr(credential("x".repeat(1025))),
                        J.arr(J.obj().with("type", J.str("password"))),
                        J.arr(credential(PASSWORD).with("type", J.str("otp"))),
                        J.arr(credential(PASSWORD).with("type", J.str(""))),
                        J.arr(credential(PASSWORD).with("temporary", J.str("yes"))),
                        J.arr(credential(PASSWORD), credential(PASSWORD)))
                .map(c -> new Bad("credentials", c));
        Arbitrary<Bad> badEmail = Arbitraries.of(
                        "no-at-sign", "a@b@c", "@", "a@", "a @b", "x".repeat(250) + "@example.test")
                .map(e -> new Bad("email", J.str(e)));
        Arbitrary<Bad> longName = Arbitraries.of("firstName", "lastName").map(f -> new Bad(f, J.str("n".repeat(256))));
        Arbitrary<Bad> badUsername = Arbitraries.of(
                        J.str(""), J.str("a b"), J.str("a/b"), J.str("x".repeat(256)), J.nul())
                .map(u -> new Bad("username", u));
        Arbitrary<Bad> otherUsername = Arbitraries.of("bob", "someone-else").map(u -> new Bad("username", J.str(u)));
        Arbitrary<J.Obj> password = Arbitraries.just(credential(PASSWORD));
        Arbitrary<Bad> badPassword = Arbitraries.oneOf(
                Arbitraries.of(J.str("short"), J.str("x".repeat(1025)), J.nul()).map(v -> new Bad("value", v)),
                Arbitraries.of("otp", "", "PASSWORD").map(t -> new Bad("type", J.str(t))),
                Arbitraries.just(new Bad("temporary", J.str("yes"))));
        String user = "/admin/realms/" + realm + "/users/" + aliceId;
        return Arbitraries.oneOf(
                bodyCall(
                        "POST",
                        "/admin/realms/" + realm + "/users",
                        JsonFuzz.unacceptable(
                                created, USER, Arbitraries.oneOf(badUsername, badEmail, longName, badCredentials))),
                bodyCall(
                        "PUT",
                        user,
                        JsonFuzz.unacceptable(
                                changed, USER, Arbitraries.oneOf(otherUsername, badEmail, longName, badCredentials))),
                bodyCall("PUT", user + "/reset-password", JsonFuzz.unacceptable(password, CREDENTIAL, badPassword)));
    }

    private static J.Obj credential(String value) {
        return J.obj()
                .with("type", J.str("password"))
                .with("value", J.str(value))
                .with("temporary", J.bool(false));
    }

    // ------------------------------------------------------------------------------------------------ clients

    static final Schema CLIENT = new Schema(Map.ofEntries(
            Map.entry("id", STRING),
            Map.entry("clientId", STRING),
            Map.entry("name", STRING),
            Map.entry("enabled", BOOL),
            Map.entry("publicClient", BOOL),
            Map.entry("secret", STRING),
            Map.entry("redirectUris", STRING_LIST),
            Map.entry("standardFlowEnabled", BOOL),
            Map.entry("directAccessGrantsEnabled", BOOL),
            Map.entry("serviceAccountsEnabled", BOOL),
            Map.entry("attributes", STRING_MAP),
            Map.entry("notBefore", LONG),
            Map.entry("protocol", STRING)));

    @Provide
    Arbitrary<FuzzCall> clientCalls() {
        Arbitrary<J.Obj> created = Arbitraries.just(0)
                .map(i -> J.obj()
                        .with("clientId", J.str("fuzz-client-" + COUNTER.incrementAndGet()))
                        .with("redirectUris", J.strs("https://app.example.test/cb")));
        Arbitrary<J.Obj> changed =
                Arbitraries.just(J.obj().with("name", J.str("Web")).with("enabled", J.bool(true)));
        Arbitrary<Bad> badClientId = Arbitraries.of(J.str(""), J.str("a b"), J.str("x".repeat(256)), J.str("a\nb"))
                .map(c -> new Bad("clientId", c));
        Arbitrary<Bad> badRedirects = Arbitraries.of(
                        "*",
                        "https://*.example.test/cb",
                        "relative/path",
                        "https://app.example.test/cb#fragment",
                        "https://app.example.test/*",
                        "http://[::1")
                .map(u -> new Bad("redirectUris", J.arr(J.str("https://app.example.test/cb"), J.str(u))));
        Arbitrary<Bad> badAttributes = Arbitraries.of(
                        Map.entry("access.token.lifespan", "abc"),
                        Map.entry("access.token.lifespan", "0"),
                        Map.entry("access.token.lifespan", "-2"),
                        Map.entry("access.token.lifespan", "1.5"),
                        Map.entry("access.token.lifespan", "99999999999999999999"),
                        Map.entry("access.token.lifespan", "9223372036854775807"),
                        Map.entry("access.token.lifespan", "2147483648"),
                        Map.entry("backchannel.logout.url", "ftp://rp.example.test/logout"),
                        Map.entry("backchannel.logout.url", "not a url"),
                        Map.entry("backchannel.logout.url", "https://rp.example.test/logout#frag"),
                        Map.entry("backchannel.logout.session.required", "maybe"),
                        Map.entry("ssf.receiver", "maybe"),
                        Map.entry("post.logout.redirect.uris", "https://app.example.test/out##*"))
                .map(a -> new Bad("attributes", J.obj().with(a.getKey(), J.str(a.getValue()))));
        Arbitrary<Bad> shortSecret = Arbitraries.of("", "short", "x".repeat(31)).map(s -> new Bad("secret", J.str(s)));
        Arbitrary<Bad> semantic = Arbitraries.oneOf(badRedirects, badAttributes, shortSecret);
        return Arbitraries.oneOf(
                bodyCall(
                        "POST",
                        "/admin/realms/" + realm + "/clients",
                        JsonFuzz.unacceptable(created, CLIENT, Arbitraries.oneOf(badClientId, semantic))),
                bodyCall(
                        "PUT",
                        "/admin/realms/" + realm + "/clients/" + clientUuid,
                        JsonFuzz.unacceptable(changed, CLIENT, Arbitraries.oneOf(badClientId, semantic))));
    }

    // ------------------------------------------------------------------------------------------------ privileges

    static final Schema GRANT = new Schema(Map.of("privilege", STRING, "realm", STRING));

    @Provide
    Arbitrary<FuzzCall> privilegeCalls() {
        Arbitrary<J.Obj> grant = Arbitraries.of("SESSION_VIEWER", "AUDITOR", "USER_ADMINISTRATOR")
                .map(p -> J.obj().with("privilege", J.str(p)).with("realm", J.str(realm)));
        Arbitrary<Bad> bad = Arbitraries.oneOf(
                Arbitraries.of(J.str("NOT_A_PRIVILEGE"), J.str(""), J.nul(), J.str("SESSION_VIEWER "))
                        .map(p -> new Bad("privilege", p)),
                Arbitraries.of(J.str("no-such-realm"), J.str(""), J.nul(), J.str("**"))
                        .map(r -> new Bad("realm", r)));
        return bodyCall(
                "PUT",
                "/admin/realms/master/users/" + targetAdminId + "/privileges",
                JsonFuzz.unacceptableArray(grant, GRANT, bad));
    }

    // ------------------------------------------------------------------------------------------------ sign-outs

    static final Schema SIGN_OUT = new Schema(Map.ofEntries(
            Map.entry("scope", OBJECT),
            Map.entry("scope.type", STRING),
            Map.entry("scope.sessionIds", STRING_LIST),
            Map.entry("scope.userId", STRING),
            Map.entry("scope.clientId", STRING),
            Map.entry("scope.filter", OBJECT),
            Map.entry("scope.filter.userIds", STRING_LIST),
            Map.entry("scope.filter.clientId", STRING),
            Map.entry("scope.filter.ip", STRING),
            Map.entry("scope.filter.userAgent", STRING),
            Map.entry("scope.filter.createdBefore", STRING),
            Map.entry("scope.filter.createdAfter", STRING),
            Map.entry("scope.filter.lastActiveBefore", STRING),
            Map.entry("scope.filter.authMethods", STRING_LIST),
            Map.entry("scope.filter.withoutAuthMethods", STRING_LIST),
            Map.entry("reason", STRING),
            Map.entry("dryRun", BOOL),
            Map.entry("id", STRING)));

    static final List<String> BAD_TIMES = List.of(
            "+1000000000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z",
            "99999999999999999999",
            "253402300800000",
            "9223372036854775807",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T25:00:00Z",
            "2026-01-01",
            "yesterday",
            "-5",
            "1e3",
            "\u0661\u0662\u0663");

    static final List<String> BAD_IPS = List.of(
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/-1",
            "10.0.0.0/",
            "/8",
            "10.0.0.0/8/8",
            "300.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1:2:3:4:5:6:7:8:9",
            "::ffff:300.1.1.1",
            "10.0.0.0/99999999999",
            "[::1]",
            "example.com",
            "0x7f.0.0.1/8",
            "fe80::1%eth0/64",
            "1.2.3.4/\u0663\u0662");

    /** Reasons, ids and scope types no sign-out accepts, whatever the scope says. */
    private static Arbitrary<Bad> badForEveryScope() {
        return Arbitraries.oneOf(
                Arbitraries.of(J.str(""), J.str("   "), J.nul(), J.str("r".repeat(1001)), J.str("\u00e9".repeat(1001)))
                        .map(r -> new Bad("reason", r)),
                Arbitraries.of(
                                "bad id!",
                                "short",
                                "x".repeat(65),
                                "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
                                "a/b/c/d/e")
                        .map(i -> new Bad("id", J.str(i))),
                Arbitraries.of(J.str("planet"), J.str(""), J.str("REALM"), J.str("realm "), J.nul())
                        .map(t -> new Bad("scope.type", t)));
    }

    private static Arbitrary<Bad> badFor(String type) {
        Arbitrary<String> unknown = JsonFuzz.oddStrings().filter(s -> s.length() < 300);
        Arbitrary<J> unknownId = unknown.map(J::str);
        return switch (type) {
            case "user" ->
                Arbitraries.oneOf(unknownId, Arbitraries.just(J.nul())).map(v -> new Bad("scope.userId", v));
            case "client" ->
                Arbitraries.oneOf(unknownId, Arbitraries.just(J.nul())).map(v -> new Bad("scope.clientId", v));
            case "session" ->
                Arbitraries.oneOf(
                                Arbitraries.just(J.arr()),
                                Arbitraries.just(J.nul()),
                                unknownId.map(J::arr),
                                unknownId.map(u -> J.arr(J.str(sessionId), u)),
                                Arbitraries.just(names("s", 1001)))
                        .map(v -> new Bad("scope.sessionIds", v));
            case "filter" ->
                Arbitraries.oneOf(
                        Arbitraries.of(J.obj(), J.nul()).map(f -> new Bad("scope.filter", f)),
                        Arbitraries.of(BAD_IPS).map(ip -> new Bad("scope.filter.ip", J.str(ip))),
                        Combinators.combine(
                                        Arbitraries.of("createdBefore", "createdAfter", "lastActiveBefore"),
                                        Arbitraries.of(BAD_TIMES))
                                .as((f, t) -> new Bad("scope.filter." + f, J.str(t))),
                        unknownId.map(u -> new Bad("scope.filter.userIds", J.arr(J.str(aliceId), u))),
                        Arbitraries.of("authMethods", "withoutAuthMethods")
                                .map(f -> new Bad("scope.filter." + f, names("m", 51))),
                        Arbitraries.just(new Bad("scope.filter.userIds", names("u", 1001))),
                        // A blank clientId is no condition at all, so it is left out here.
                        unknown.filter(c -> !c.isBlank()
                                        && !c.strip().equals("web")
                                        && !c.strip().equals("test-cli"))
                                .map(c -> new Bad("scope.filter.clientId", J.str(c))));
            default -> Arbitraries.just(new Bad("reason", J.str("")));
        };
    }

    /** A list of {@code count} distinct strings. */
    private static J names(String prefix, int count) {
        return new J.Arr(
                IntStream.range(0, count).mapToObj(i -> J.str(prefix + i)).toList());
    }

    private static J.Obj signOutBody(String type, J.Obj filter) {
        J.Obj scope = J.obj().with("type", J.str(type));
        scope = switch (type) {
            case "user" -> scope.with("userId", J.str(aliceId));
            case "client" -> scope.with("clientId", J.str("web"));
            case "session" -> scope.with("sessionIds", J.strs(sessionId));
            case "filter" -> scope.with("filter", filter);
            default -> scope;
        };
        return J.obj().with("scope", scope).with("reason", J.str("fuzzing"));
    }

    /** Filters that may or may not be valid: odd but legal values mixed with bad ones. */
    private static Arbitrary<J.Obj> anyFilter() {
        Arbitrary<J> text = JsonFuzz.oddStrings().map(J::str);
        Arbitrary<J> times = Arbitraries.oneOf(
                        Arbitraries.of(BAD_TIMES),
                        Arbitraries.of(
                                "0",
                                "0000-01-01T00:00:00Z",
                                "9999-12-31T23:59:59.999Z",
                                "2026-01-01T00:00:00Z",
                                "253402300799999"))
                .map(J::str);
        Arbitrary<J> ips = Arbitraries.oneOf(
                        Arbitraries.of(BAD_IPS),
                        Arbitraries.of(
                                "0.0.0.0/0",
                                "::/0",
                                "127.0.0.1",
                                "::1",
                                "::ffff:127.0.0.1/128",
                                "10.0.0.0/8",
                                "2001:db8::/32"))
                .map(J::str);
        Arbitrary<J> lists = JsonFuzz.oddStrings()
                .filter(s -> s.length() < 2_000)
                .list()
                .ofMaxSize(5)
                .map(l -> new J.Arr(l.stream().map(J::str).toList()));
        Arbitrary<Map.Entry<String, J>> condition = Arbitraries.oneOf(
                text.map(v -> Map.entry("userAgent", v)),
                ips.map(v -> Map.entry("ip", v)),
                Combinators.combine(Arbitraries.of("createdBefore", "createdAfter", "lastActiveBefore"), times)
                        .as(Map::entry),
                Combinators.combine(Arbitraries.of("authMethods", "withoutAuthMethods", "userIds"), lists)
                        .as(Map::entry),
                Arbitraries.of(J.str("web"), J.str("test-cli")).map(v -> Map.entry("clientId", v)));
        return condition.list().ofMinSize(1).ofMaxSize(5).map(conditions -> {
            J.Obj filter = J.obj();
            for (Map.Entry<String, J> c : conditions) {
                filter = filter.with(c.getKey(), c.getValue());
            }
            return filter;
        });
    }

    @Provide
    Arbitrary<FuzzCall> signOutCalls() {
        String path = "/admin/realms/" + realm + "/sign-outs";
        Arbitrary<FuzzCall> refused = Arbitraries.of("realm", "user", "client", "session", "filter")
                .flatMap(type -> bodyCall(
                        "POST",
                        path,
                        JsonFuzz.unacceptable(
                                anyFilter().map(f -> signOutBody(type, f)),
                                SIGN_OUT,
                                Arbitraries.oneOf(badForEveryScope(), badFor(type)))));
        Arbitrary<String> dryRuns = anyFilter().flatMap(filter -> {
            J.Obj body = signOutBody("filter", filter).with("dryRun", J.bool(true));
            return Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(body.text())),
                    Tuple.of(1, JsonFuzz.unacceptable(Arbitraries.just(body), SIGN_OUT, badFor("filter"))));
        });
        return Arbitraries.frequencyOf(
                Tuple.of(2, refused), Tuple.of(1, dryRuns.map(b -> FuzzCall.json("POST", path, b, true))));
    }

    // ------------------------------------------------------------------------------------------------ queries

    private static Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(
                JsonFuzz.oddStrings().filter(s -> s.length() < 5_000),
                JsonFuzz.nulStrings(),
                Arbitraries.of(
                        "0",
                        "-1",
                        "1000",
                        "1001",
                        "2147483648",
                        "-2147483649",
                        "1.5",
                        "1e3",
                        " 5 ",
                        "+5",
                        "0x10",
                        "\u0665"),
                Arbitraries.of(BAD_TIMES),
                Arbitraries.of("2026-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "0"),
                Arbitraries.of(BAD_IPS),
                Arbitraries.of("DEAD", "queued", "Delivered", "ALL", "", "true", "false", "TRUE", "web", "test-cli"),
                Arbitraries.integers().map(Object::toString));
    }

    @Provide
    Arbitrary<FuzzCall> queryCalls() {
        String r = "/admin/realms/" + realm;
        Map<String, List<String>> endpoints = Map.ofEntries(
                Map.entry(r + "/users", List.of("search", "username", "email", "exact", "first", "max")),
                Map.entry(r + "/users/count", List.of("search", "username", "email", "exact")),
                Map.entry(r + "/clients", List.of("clientId", "first", "max")),
                Map.entry(
                        r + "/sessions",
                        List.of(
                                "userId",
                                "clientId",
                                "ip",
                                "userAgent",
                                "createdBefore",
                                "createdAfter",
                                "lastActiveBefore",
                                "authMethod",
                                "withoutAuthMethod",
                                "first",
                                "max")),
                Map.entry(r + "/users/" + aliceId + "/sessions", List.of("first", "max")),
                Map.entry(r + "/clients/" + clientUuid + "/user-sessions", List.of("first", "max")),
                Map.entry(r + "/client-session-stats", List.of("first")),
                Map.entry(r + "/session-stats", List.of("hours")),
                Map.entry(r + "/sign-outs", List.of("first", "max")),
                Map.entry(r + "/deliveries", List.of("status", "clientId", "first", "max")),
                Map.entry(r + "/deliveries/counts", List.of("clientId")),
                Map.entry(r + "/ssf/streams", List.of("first", "max")),
                Map.entry(r + "/audit", List.of("actor", "action", "from", "to", "first", "max")),
                Map.entry(r + "/audit/verification", List.of("from")));
        List<String> paths = endpoints.keySet().stream().sorted().toList();
        return Arbitraries.of(paths).flatMap(path -> {
            List<String> names = new ArrayList<>(endpoints.get(path));
            names.add("unknown");
            Arbitrary<String> param = Combinators.combine(Arbitraries.of(names), queryValues())
                    .as((name, value) -> name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            return param.list()
                    .ofMinSize(1)
                    .ofMaxSize(6)
                    .map(params -> FuzzCall.noBody("GET", path + "?" + String.join("&", params), true));
        });
    }

    // ------------------------------------------------------------------------------------------------ paths

    @Provide
    Arbitrary<FuzzCall> pathCalls() {
        String r = "/admin/realms/" + realm;
        Arbitrary<String> unknown = JsonFuzz.oddStrings()
                .filter(s -> s.length() < 500)
                .map(s -> "nx-" + URLEncoder.encode(s, StandardCharsets.UTF_8));
        Arbitrary<String> longReason =
                Arbitraries.oneOf(Arbitraries.integers().between(1001, 6000).map("r"::repeat), JsonFuzz.nulStrings());
        Arbitrary<FuzzCall> keycloak = Combinators.combine(
                        Arbitraries.of(r + "/logout-all", r + "/users/" + aliceId + "/logout"), longReason)
                .as((path, reason) -> FuzzCall.noBody(
                        "POST", path + "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8), false));
        Arbitrary<FuzzCall> unknownIds = unknown.flatMap(id -> Arbitraries.of(
                FuzzCall.noBody("DELETE", r + "/sessions/" + id, false),
                FuzzCall.noBody("POST", r + "/deliveries/" + id + "/retry", false),
                FuzzCall.noBody("DELETE", r + "/ssf/streams/" + id, false),
                FuzzCall.noBody("DELETE", r + "/users/" + id, false),
                FuzzCall.noBody("DELETE", r + "/clients/" + id, false),
                FuzzCall.noBody("POST", r + "/clients/" + id + "/client-secret", false),
                FuzzCall.noBody("POST", r + "/users/" + id + "/logout", false),
                FuzzCall.noBody("GET", r + "/sign-outs/" + id, false),
                FuzzCall.noBody("GET", r + "/sign-outs/" + id + "/deliveries", false),
                FuzzCall.noBody("DELETE", "/admin/realms/" + id, false),
                FuzzCall.noBody("POST", "/admin/realms/" + id + "/logout-all", false),
                FuzzCall.json("PUT", "/admin/realms/" + id, "{\"displayName\":\"x\"}", false),
                FuzzCall.json("PUT", "/admin/realms/master/users/" + id + "/privileges", "[]", false),
                FuzzCall.json(
                        "PUT", r + "/users/" + id + "/reset-password", "{\"value\":\"" + PASSWORD + "\"}", false)));
        return Arbitraries.oneOf(keycloak, unknownIds);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Arbitrary<FuzzCall> bodyCall(String method, String path, Arbitrary<String> bodies) {
        return Combinators.combine(bodies, FuzzCall.jsonContentTypes())
                .as((body, type) -> new FuzzCall(method, path, type, body, false));
    }
}
