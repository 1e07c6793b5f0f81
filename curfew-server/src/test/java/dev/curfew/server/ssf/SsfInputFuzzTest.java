package dev.curfew.server.ssf;

import static dev.curfew.server.testing.JsonFuzz.Kind.BOOL;
import static dev.curfew.server.testing.JsonFuzz.Kind.INT;
import static dev.curfew.server.testing.JsonFuzz.Kind.OBJECT;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING_LIST;
import static dev.curfew.server.testing.JsonFuzz.Kind.STRING_MAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.FuzzCall;
import dev.curfew.server.testing.J;
import dev.curfew.server.testing.JsonFuzz;
import dev.curfew.server.testing.JsonFuzz.Bad;
import dev.curfew.server.testing.JsonFuzz.Schema;
import dev.curfew.server.testing.StoreSnapshot;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The Shared Signals stream management endpoints (SSF 1.0 §8.1) and RFC 8936 polling, fed generated malformed
 * input (see {@link JsonFuzz}): each answer is a 4xx RFC 6749-style error ({@code error}, {@code
 * error_description}) with the security headers — never a 5xx — and the store is exactly as it was: no stream
 * created, changed or deleted, no subject excluded, no SET queued or acknowledged.
 */
@Label("Shared Signals endpoints under malformed input: a 4xx error, never a 5xx, and nothing changed")
class SsfInputFuzzTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static SsfReceiver receiver;
    static String streamId;
    static String aliceId;
    static StoreSnapshot last;

    @BeforeContainer
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        aliceId = realm.user("alice").id();
        receiver = SsfReceiver.register(realm, "guard");
        streamId = receiver.createPoll();
        receiver.drain(streamId);
        last = StoreSnapshot.of(curfew);
    }

    @AfterContainer
    static void stop() {
        curfew.close();
    }

    @Property(tries = 250)
    @Label("streams: create (POST), update (PATCH), replace (PUT)")
    void streams(@ForAll("streamCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 250)
    @Label("status, subjects, verification and polling")
    void operations(@ForAll("operationCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 100)
    @Label("unknown stream ids in paths and queries")
    void unknownIds(@ForAll("unknownIdCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call);
    }

    @Property(tries = 100)
    @Label("no or bad credentials")
    void badCredentials(@ForAll("credentials") String credential, @ForAll("protectedCalls") FuzzCall call) {
        assertRefusedAndUnchanged(call, credential);
    }

    @Example
    @Label("a maxEvents past what a long holds was read modulo 2^64 (2^64 + 5 polled 5 events); now refused")
    void hugeMaxEventsWasWrappedAround() {
        String poll = receiver.streamsPath() + "/" + streamId + "/poll";
        assertRefusedAndUnchanged(
                FuzzCall.json("POST", poll, "{\"maxEvents\":18446744073709551621,\"returnImmediately\":true}", false));
    }

    @Example
    @Label("an authorization_header that is no string was accepted (and dropped) for a poll stream; now refused")
    void malformedAuthorizationHeaderOfAPollStreamWasAccepted() {
        String delivery = "{\"method\":\"" + SsfReceiver.POLL + "\",\"authorization_header\":{}}";
        assertRefusedAndUnchanged(
                FuzzCall.json("POST", receiver.streamsPath(), "{\"delivery\":" + delivery + "}", false));
        assertRefusedAndUnchanged(FuzzCall.json(
                "PATCH",
                receiver.streamsPath(),
                "{\"stream_id\":\"" + streamId + "\",\"delivery\":{\"authorization_header\":[1]}}",
                false));
    }

    @Example
    @Label("a delivery member Curfew does not know was ignored (a PATCH changing only the description answered 200)")
    void unknownDeliveryMemberWasIgnored() {
        assertRefusedAndUnchanged(FuzzCall.json(
                "PATCH",
                receiver.streamsPath(),
                "{\"stream_id\":\"" + streamId + "\",\"description\":\"changed\",\"delivery\":{\"a\":{\"a\":1}}}",
                false));
    }

    private static void assertRefusedAndUnchanged(FuzzCall call) {
        assertRefusedAndUnchanged(call, "Bearer " + receiver.token());
    }

    private static void assertRefusedAndUnchanged(FuzzCall call, String authorization) {
        HttpResponse<String> response = call.send(curfew, authorization);
        StoreSnapshot before = last;
        last = StoreSnapshot.of(curfew);
        String answer = FuzzCall.abbreviate(response.body());
        assertThat(response.statusCode()).as("status of %s: %s", call, answer).isBetween(400, 499);
        FuzzCall.assertSecurityHeaders(response);
        assertThat(response.headers().firstValue("Content-Type"))
                .as("content type of %s: %s", call, answer)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = parse(response.body());
        assertThat(error.path("error").isTextual()).as(answer).isTrue();
        assertThat(error.path("error_description").isTextual()).as(answer).isTrue();
        assertThat(last).as("the store after %s (answered %s)", call, answer).isEqualTo(before);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + FuzzCall.abbreviate(body), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ streams

    static final Schema STREAM = new Schema(Map.ofEntries(
            Map.entry("stream_id", STRING),
            Map.entry("iss", STRING),
            Map.entry("aud", STRING),
            Map.entry("delivery", OBJECT),
            Map.entry("delivery.method", STRING),
            Map.entry("delivery.endpoint_url", STRING),
            Map.entry("delivery.authorization_header", STRING),
            Map.entry("events_supported", STRING_LIST),
            Map.entry("events_requested", STRING_LIST),
            Map.entry("events_delivered", STRING_LIST),
            Map.entry("description", STRING),
            Map.entry("min_verification_interval", INT),
            Map.entry("inactivity_timeout", INT)));

    /** What no create, update or replace accepts, whatever else the body says. */
    private static Arbitrary<Bad> badStreamFields() {
        J.Obj push = J.obj().with("method", J.str(SsfReceiver.PUSH));
        return Arbitraries.oneOf(
                Arbitraries.of("urn:ietf:rfc:8937", "", "poll", SsfReceiver.POLL + " ")
                        .map(m -> new Bad("delivery.method", J.str(m))),
                Arbitraries.of(
                                J.obj()
                                        .with("method", J.str(SsfReceiver.PUSH))
                                        .with("endpoint_url", J.str("relative/path")),
                                push.with("endpoint_url", J.str("ftp://receiver.example.test/events")),
                                push.with("endpoint_url", J.str("https://receiver.example.test/events#fragment")),
                                push.with("endpoint_url", J.str("https://user:pw@receiver.example.test/events")),
                                push.with("endpoint_url", J.str("https://[::1/events")),
                                push.with("endpoint_url", J.str("https://receiver.example.test/" + "x".repeat(2001))),
                                push.with("endpoint_url", J.str("https://receiver.example.test/events"))
                                        .with("authorization_header", J.str("Bearer a\r\nX-Injected: 1")),
                                J.obj()
                                        .with("method", J.str(SsfReceiver.POLL))
                                        .with("endpoint_url", J.str("https://elsewhere.example.test/poll")))
                        .map(d -> new Bad("delivery", d)),
                Arbitraries.of(
                                J.strs(""),
                                J.strs("a\nb"),
                                J.strs("x".repeat(2001)),
                                J.arr(J.num("1")),
                                new J.Arr(IntStream.range(0, 51)
                                        .mapToObj(i -> J.str("urn:event:" + i))
                                        .toList()))
                        .map(e -> new Bad("events_requested", e)),
                Arbitraries.just(new Bad("description", J.str("d".repeat(1001)))),
                Arbitraries.of("https://elsewhere.example.test", "").map(i -> new Bad("iss", J.str(i))),
                Arbitraries.of("someone-else", "").map(a -> new Bad("aud", J.str(a))),
                Arbitraries.of("0", "86401", "-1").map(n -> new Bad("inactivity_timeout", J.num(n))),
                Arbitraries.of("0", "1", "59", "3600").map(n -> new Bad("min_verification_interval", J.num(n))));
    }

    private static Arbitrary<J> unknownStreamIds() {
        return JsonFuzz.oddStrings().filter(s -> s.length() < 300).map(s -> J.str("nx-" + s));
    }

    @Provide
    Arbitrary<FuzzCall> streamCalls() {
        String path = receiver.streamsPath();
        J.Obj poll = J.obj().with("method", J.str(SsfReceiver.POLL));
        Arbitrary<J.Obj> create =
                Arbitraries.just(J.obj().with("delivery", poll).with("description", J.str("fuzz")));
        Arbitrary<J.Obj> update =
                Arbitraries.just(J.obj().with("stream_id", J.str(streamId)).with("description", J.str("changed")));
        Arbitrary<J.Obj> replace =
                Arbitraries.just(J.obj().with("stream_id", J.str(streamId)).with("delivery", poll));
        Arbitrary<Bad> createOnly = Arbitraries.oneOf(
                badStreamFields(),
                Arbitraries.just(new Bad("stream_id", J.str(streamId))),
                Arbitraries.of(J.nul(), J.obj()).map(d -> new Bad("delivery", d)));
        Arbitrary<Bad> changeOnly = Arbitraries.oneOf(
                badStreamFields(),
                Arbitraries.oneOf(unknownStreamIds(), Arbitraries.of(J.nul(), J.str("")))
                        .map(id -> new Bad("stream_id", id)));
        return Arbitraries.oneOf(
                body("POST", path, JsonFuzz.unacceptable(create, STREAM, createOnly)),
                body("PATCH", path, JsonFuzz.unacceptable(update, STREAM, changeOnly)),
                body("PUT", path, JsonFuzz.unacceptable(replace, STREAM, changeOnly)));
    }

    // ------------------------------------------------------------------------------------------------ operations

    static final Schema STATUS = new Schema(Map.of("stream_id", STRING, "status", STRING, "reason", STRING));

    /**
     * Only the members every subject has: the others belong to one format or another, and a member the subject's
     * format does not use is left alone, so a bad value there need not be refused.
     */
    static final Schema SUBJECT = new Schema(Map.of("stream_id", STRING, "subject", OBJECT, "subject.format", STRING));

    static final Schema VERIFY = new Schema(Map.of("stream_id", STRING, "state", STRING));

    static final Schema POLL =
            new Schema(Map.of("maxEvents", INT, "returnImmediately", BOOL, "ack", STRING_LIST, "setErrs", STRING_MAP));

    @Provide
    Arbitrary<FuzzCall> operationCalls() {
        J id = J.str(streamId);
        Arbitrary<Bad> unknownStream = Arbitraries.oneOf(
                        unknownStreamIds(), Arbitraries.of(J.nul(), J.str(""), J.num("1")))
                .map(s -> new Bad("stream_id", s));

        Arbitrary<J.Obj> status = Arbitraries.of("enabled", "paused", "disabled")
                .map(s -> J.obj().with("stream_id", id).with("status", J.str(s)));
        Arbitrary<Bad> badStatus = Arbitraries.oneOf(
                unknownStream,
                Arbitraries.of(J.str("ENABLED"), J.str("on"), J.str(""), J.nul())
                        .map(s -> new Bad("status", s)),
                Arbitraries.just(new Bad("reason", J.str("r".repeat(1001)))));

        Arbitrary<J.Obj> subject = Arbitraries.of(
                        J.obj().with("format", J.str("opaque")).with("id", J.str(aliceId)),
                        J.obj()
                                .with("format", J.str("iss_sub"))
                                .with("iss", J.str(realm.issuer()))
                                .with("sub", J.str(aliceId)),
                        J.obj()
                                .with("format", J.str("complex"))
                                .with(
                                        "session",
                                        J.obj().with("format", J.str("opaque")).with("id", J.str("s-1"))))
                .map(s -> J.obj().with("stream_id", id).with("subject", s));
        Arbitrary<Bad> badSubject = Arbitraries.oneOf(
                unknownStream,
                Arbitraries.of(
                                J.nul(),
                                J.obj(),
                                J.obj().with("format", J.str("email")).with("email", J.str("a@example.test")),
                                J.obj().with("format", J.str("opaque")).with("id", J.str("i".repeat(256))),
                                J.obj().with("format", J.str("opaque")).with("id", J.str("")),
                                J.obj()
                                        .with("format", J.str("iss_sub"))
                                        .with("iss", J.str("https://elsewhere.example.test"))
                                        .with("sub", J.str(aliceId)),
                                J.obj().with("format", J.str("complex")),
                                J.obj()
                                        .with("format", J.str("complex"))
                                        .with("session", J.obj().with("format", J.str("email"))),
                                J.obj().with("format", J.str("complex")).with("session", J.str("s-1")),
                                J.obj().with("format", J.str("complex")).with("user", J.obj()))
                        .map(s -> new Bad("subject", s)));

        Arbitrary<J.Obj> verify = Arbitraries.just(J.obj().with("stream_id", id).with("state", J.str("fuzz")));
        Arbitrary<Bad> badVerify = Arbitraries.oneOf(
                unknownStream,
                Arbitraries.of(J.str("s".repeat(1001)), J.num("1"), J.obj()).map(s -> new Bad("state", s)));

        Arbitrary<J.Obj> poll = Arbitraries.just(J.obj()
                .with("maxEvents", J.num("10"))
                .with("returnImmediately", J.bool(true))
                .with("ack", J.arr()));
        Arbitrary<Bad> badPoll = Arbitraries.oneOf(
                Arbitraries.of("-1", "1001", "2147483648", "18446744073709551621", "1.5", "1e2")
                        .map(n -> new Bad("maxEvents", J.num(n))),
                Arbitraries.of(J.str("10"), J.str("")).map(n -> new Bad("maxEvents", n)),
                Arbitraries.of(J.str("true"), J.num("1")).map(b -> new Bad("returnImmediately", b)),
                Arbitraries.of(J.strs(""), J.strs("j".repeat(256)), J.arr(J.num("1")), J.str("jti"))
                        .map(a -> new Bad("ack", a)),
                Arbitraries.of(
                                J.strs("x"),
                                J.str("x"),
                                J.obj().with("", J.obj().with("err", J.str("x"))),
                                J.obj().with("j".repeat(256), J.obj()))
                        .map(e -> new Bad("setErrs", e)),
                Arbitraries.just(new Bad(
                        "ack",
                        new J.Arr(IntStream.range(0, 10_001)
                                .mapToObj(i -> J.str("j" + i))
                                .toList()))));

        String streams = receiver.streamsPath();
        return Arbitraries.oneOf(
                body("POST", streams + "/status", JsonFuzz.unacceptable(status, STATUS, badStatus)),
                body("POST", realm.path("/ssf/subjects/add"), JsonFuzz.unacceptable(subject, SUBJECT, badSubject)),
                body("POST", realm.path("/ssf/subjects/remove"), JsonFuzz.unacceptable(subject, SUBJECT, badSubject)),
                body("POST", realm.path("/ssf/verify"), JsonFuzz.unacceptable(verify, VERIFY, badVerify)),
                body("POST", streams + "/" + streamId + "/poll", JsonFuzz.unacceptable(poll, POLL, badPoll)));
    }

    // ------------------------------------------------------------------------------------------------ ids

    @Provide
    Arbitrary<FuzzCall> unknownIdCalls() {
        String streams = receiver.streamsPath();
        Arbitrary<String> unknown = JsonFuzz.oddStrings()
                .filter(s -> s.length() < 300)
                .map(s -> URLEncoder.encode("nx-" + s, StandardCharsets.UTF_8));
        return unknown.flatMap(id -> Arbitraries.of(
                FuzzCall.noBody("GET", streams + "?stream_id=" + id, false),
                FuzzCall.noBody("DELETE", streams + "?stream_id=" + id, false),
                FuzzCall.noBody("GET", streams + "/status?stream_id=" + id, false),
                FuzzCall.json("POST", streams + "/" + id + "/poll", "{\"returnImmediately\":true}", false)));
    }

    @Provide
    Arbitrary<String> credentials() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "Bearer", "Bearer ", "Basic Z3VhcmQ6eA==", "bearer x.y.z", "Bearer eyJhbGciOiJub25lIn0.e30."),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200).map(s -> "Bearer " + s));
    }

    @Provide
    Arbitrary<FuzzCall> protectedCalls() {
        String streams = receiver.streamsPath();
        return Arbitraries.of(
                FuzzCall.noBody("GET", streams, false),
                FuzzCall.json("POST", streams, "{\"delivery\":{\"method\":\"" + SsfReceiver.POLL + "\"}}", false),
                FuzzCall.json("POST", streams + "/" + streamId + "/poll", "{\"returnImmediately\":true}", false),
                FuzzCall.json("POST", realm.path("/ssf/verify"), "{\"stream_id\":\"" + streamId + "\"}", false),
                FuzzCall.noBody("DELETE", streams + "?stream_id=" + streamId, false));
    }

    private static Arbitrary<FuzzCall> body(String method, String path, Arbitrary<String> bodies) {
        return Combinators.combine(bodies, FuzzCall.jsonContentTypes())
                .as((b, type) -> new FuzzCall(method, path, type, b, false));
    }
}
