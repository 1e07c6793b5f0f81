package dev.curfew.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.FuzzCall;
import dev.curfew.server.testing.JsonFuzz;
import dev.curfew.server.testing.StoreSnapshot;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * The OAuth 2.0 and OpenID Connect endpoints — token, introspection, revocation, userinfo, authorization, logout —
 * fed malformed parameters: repeated ones, huge values, U+0000, undecodable escapes and invalid UTF-8, unknown
 * charsets and content types, garbage credentials. None ever answers 5xx; a JSON error is RFC 6749's shape (the
 * authorization and logout endpoints may answer with an HTML page or a redirect, as documented); every answer has
 * the security headers; the store is unchanged.
 */
@Label("OAuth and OpenID Connect endpoints under malformed form input: never a 5xx, nothing changed")
class ProtocolFormFuzzTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static StoreSnapshot last;

    @BeforeContainer
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.user("alice");
        web = realm.confidentialClient("web", b -> b.directAccessGrants(true));
        last = StoreSnapshot.of(curfew);
    }

    @AfterContainer
    static void stop() {
        curfew.close();
    }

    /** A protocol call and the Authorization header it carries (none when empty). */
    record Call(FuzzCall call, String authorization) {
        @Override
        public String toString() {
            return call + (authorization.isEmpty() ? "" : " Authorization: " + FuzzCall.abbreviate(authorization));
        }
    }

    @Property(tries = 200)
    @Label("token, introspection, revocation, userinfo, authorization and logout endpoints")
    void protocolEndpoints(@ForAll("calls") Call call) {
        HttpResponse<String> response =
                call.call().send(curfew, call.authorization().isEmpty() ? null : call.authorization());
        StoreSnapshot before = last;
        last = StoreSnapshot.of(curfew);
        String answer = FuzzCall.abbreviate(response.body());
        assertThat(response.statusCode()).as("status of %s: %s", call, answer).isLessThan(500);
        FuzzCall.assertSecurityHeaders(response);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() >= 400 && type.startsWith("application/json")) {
            assertThat(parse(response.body()).path("error").isTextual())
                    .as("RFC 6749 §5.2 error of %s: %s", call, answer)
                    .isTrue();
        }
        assertThat(last).as("the store after %s (answered %s)", call, answer).isEqualTo(before);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + FuzzCall.abbreviate(body), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ generators

    static final List<String> NAMES = List.of(
            "grant_type",
            "client_id",
            "client_secret",
            "username",
            "password",
            "scope",
            "code",
            "code_verifier",
            "redirect_uri",
            "refresh_token",
            "token",
            "token_type_hint",
            "access_token",
            "response_type",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
            "prompt",
            "max_age",
            "id_token_hint",
            "post_logout_redirect_uri",
            "client_assertion");

    /** Values the endpoints know, so that calls get past their first checks. */
    private static Arbitrary<String> plausible() {
        return Arbitraries.of(
                "password",
                "client_credentials",
                "authorization_code",
                "refresh_token",
                "web",
                "alice",
                TestRealm.PASSWORD,
                "openid",
                "openid profile email",
                "code",
                "S256",
                "plain",
                TestRealm.REDIRECT_URI,
                TestRealm.POST_LOGOUT_URI,
                "none",
                "login",
                "0",
                "-1",
                "99999999999999999999",
                "eyJhbGciOiJub25lIn0.e30.",
                "a.b.c");
    }

    /** A form or query value, encoded — or, for forms, a raw fragment with broken escapes. */
    private static Arbitrary<String> encodedValues(boolean form) {
        Arbitrary<String> text = Arbitraries.oneOf(
                plausible(),
                JsonFuzz.oddStrings(),
                JsonFuzz.nulStrings(),
                Arbitraries.integers().between(10_000, 300_000).map("v"::repeat));
        Arbitrary<String> encoded = text.map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        Arbitrary<String> rawValid =
                Arbitraries.of("%ff%fe", "%c0%80", "%ed%a0%80", "%f4%90%80%80", "%E2%82", "+", "%2B%00");
        Arbitrary<String> rawBroken = Arbitraries.of("%zz", "%", "%4", "%%", "a%g1", "=", "==", "&&");
        return form
                ? Arbitraries.frequencyOf(Tuple.of(6, encoded), Tuple.of(1, rawValid), Tuple.of(1, rawBroken))
                : Arbitraries.frequencyOf(Tuple.of(6, encoded), Tuple.of(1, rawValid));
    }

    /** Parameters as sent: known and unknown names, some repeated. */
    private static Arbitrary<String> parameters(boolean form) {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(NAMES)),
                Tuple.of(
                        1,
                        JsonFuzz.oddStrings()
                                .filter(s -> s.length() < 100)
                                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))));
        Arbitrary<String> pair = Combinators.combine(name, encodedValues(form)).as((n, v) -> n + "=" + v);
        return pair.list()
                .ofMaxSize(8)
                .flatMap(pairs -> Arbitraries.of(true, false).map(repeatOne -> {
                    List<String> all = new ArrayList<>(pairs);
                    if (repeatOne && !all.isEmpty()) {
                        all.add(all.get(0));
                    }
                    return String.join("&", all);
                }));
    }

    @Provide
    Arbitrary<Call> calls() {
        Map<String, List<String>> methods = Map.of(
                realm.tokenPath(), List.of("POST"),
                realm.introspectPath(), List.of("POST"),
                realm.revokePath(), List.of("POST"),
                realm.userinfoPath(), List.of("GET", "POST"),
                realm.authPath(), List.of("GET", "POST"),
                realm.logoutPath(), List.of("GET", "POST"));
        List<Map.Entry<String, String>> endpoints = methods.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(m -> Map.entry(e.getKey(), m)))
                .sorted(Map.Entry.comparingByKey())
                .toList();
        Arbitrary<String> contentTypes = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/x-www-form-urlencoded")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "application/x-www-form-urlencoded; charset=UTF-8",
                                "application/x-www-form-urlencoded; charset=no-such-charset",
                                "application/x-www-form-urlencoded; charset=utf-16",
                                "application/json",
                                "text/plain",
                                "multipart/form-data; boundary=x",
                                "")));
        return Combinators.combine(
                        Arbitraries.of(endpoints), parameters(true), parameters(false), contentTypes, authorizations())
                .as((endpoint, form, query, type, authorization) -> {
                    String method = endpoint.getValue();
                    FuzzCall call = method.equals("GET")
                            ? FuzzCall.noBody("GET", endpoint.getKey() + "?" + query, true)
                            : new FuzzCall("POST", endpoint.getKey(), type, form, true);
                    return new Call(call, authorization);
                });
    }

    private static Arbitrary<String> authorizations() {
        Base64.Encoder base64 = Base64.getEncoder();
        Arbitrary<String> basic = Arbitraries.oneOf(
                Arbitraries.of(
                                "web:wrong-secret",
                                "web:",
                                ":",
                                "a",
                                "%zz:x",
                                "web%00:x",
                                "web:x%00",
                                "%ff:%fe",
                                "web:" + "s".repeat(5_000))
                        .map(s -> "Basic " + base64.encodeToString(s.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.of("Basic", "Basic ", "Basic %%%", "Basic ====", "basic d2ViOng="));
        Arbitrary<String> bearer = Arbitraries.oneOf(
                Arbitraries.of("Bearer", "Bearer ", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer ....."),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300).map(s -> "Bearer " + s));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.just(web.basic())),
                Tuple.of(2, basic),
                Tuple.of(2, bearer));
    }
}
