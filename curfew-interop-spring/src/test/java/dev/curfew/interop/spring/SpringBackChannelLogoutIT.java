package dev.curfew.interop.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.interop.spring.PlainUserAgent.Page;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect Back-Channel Logout with a relying party no one here wrote: a Spring Boot 4 application
 * (Spring Security 7, {@code oauth2Login} + {@code oidcLogout().backChannel()}) in this JVM, Curfew as a
 * process from the shaded jar, a real headless Chromium logging in. When an administrator signs a user out
 * through Curfew's admin API, Curfew POSTs a logout token to the application, Spring Security validates it
 * and invalidates the HTTP session it registered for that {@code sid}: the next request to the protected page
 * is sent back to Curfew's login. Only the signed-out sessions go; no RP-initiated logout is involved.
 *
 * <p>One Curfew (shared with the other classes), one Spring context, one browser; each test uses its own
 * users, and signs in afresh after any earlier sign-out.
 */
@ExtendWith(SharedCurfew.class)
@DisplayName("Back-channel logout into a Spring Security relying party")
class SpringBackChannelLogoutIT {
    private static DemoCurfew curfew;
    private static RelyingParty rp;
    private static Chrome chrome;

    @BeforeAll
    static void start(DemoCurfew shared) {
        curfew = shared;
        long t0 = System.nanoTime();
        rp = curfew.startRelyingParty("spring-rp");
        long t1 = System.nanoTime();
        chrome = Chrome.start();
        System.out.printf(
                "[interop] started: Spring relying party %d ms, Chromium %d ms%n",
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        long t0 = System.nanoTime();
        try (RelyingParty r = rp;
                Chrome b = chrome) {
            // closed in reverse order: browser, application (Curfew is shared: SharedCurfew stops it)
        }
        System.out.printf("[interop] stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Back-channel delivery is asynchronous (an outbox): wait for its effect, bounded. */
    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }

    private static String home() {
        return rp.baseUrl() + "/";
    }

    /** Logs in through Chromium on the protected page; the page's user. */
    private static String browserSignIn(String user) {
        chrome.open(home());
        chrome.waitFor("#username");
        assertThat(chrome.url())
                .as("the relying party sends the browser to Curfew")
                .startsWith(curfew.issuer().toString());
        chrome.fill("#username", user);
        chrome.fill("#password", curfew.password(user));
        chrome.find("#sign-in").click();
        return chrome.waitFor("#user").getText();
    }

    /** The browser is shown Curfew's login form when it asks for the protected page. */
    private static boolean browserSentToLogin() {
        chrome.open(home());
        return chrome.url().startsWith(curfew.issuer().toString()) && chrome.has("#username") && !chrome.has("#user");
    }

    @Test
    @DisplayName("user sign-out: the browser's Spring session is gone on the next request; another user's stays")
    void userSignOutEndsTheSpringSessionOfThatUserOnly() {
        assertThat(browserSignIn("alice")).isEqualTo("alice");
        try (PlainUserAgent bob = new PlainUserAgent(rp.baseUrl())) {
            assertThat(bob.signIn("bob", curfew.password("bob")).user()).isEqualTo("bob");
            userSignOutOfAlice(bob);
        }
        // Signing in again after the sign-out works: a new Curfew session, a new Spring session.
        assertThat(browserSignIn("alice")).isEqualTo("alice");
    }

    /** Alice (in the browser) is signed out by an administrator; bob, signed in beside her, is not. */
    private static void userSignOutOfAlice(PlainUserAgent bob) {
        JsonNode signOut = curfew.admin()
                .signOutUser(DemoCurfew.REALM, curfew.admin().userId(DemoCurfew.REALM, "alice"), "interop: Spring RP");

        eventually().until(SpringBackChannelLogoutIT::browserSentToLogin);
        eventually()
                .untilAsserted(() -> assertThat(curfew.admin()
                                .deliveries(DemoCurfew.REALM, signOut.path("id").asString()))
                        .as("Spring answered 2xx to the logout token")
                        .singleElement()
                        .satisfies(d -> {
                            assertThat(d.path("clientId").asString()).isEqualTo("spring-rp");
                            assertThat(d.path("delivered").asInt()).isEqualTo(1);
                            assertThat(d.path("dead").asInt()).isZero();
                        }));
        Page bobs = bob.page();
        assertThat(bobs.signedIn()).as("bob's Spring session: %s", bobs).isTrue();
        assertThat(bobs.user()).isEqualTo("bob");
    }

    @Test
    @DisplayName("session sign-out: only the Spring session of that sid ends, the same user's other one stays")
    void sessionSignOutEndsOnlyThatSession() {
        try (PlainUserAgent laptop = new PlainUserAgent(rp.baseUrl());
                PlainUserAgent phone = new PlainUserAgent(rp.baseUrl())) {
            sessionSignOutOfTheLaptop(laptop, phone);
        }
    }

    /** Carol is signed in twice; an administrator signs out one of the two Curfew sessions. */
    private static void sessionSignOutOfTheLaptop(PlainUserAgent laptop, PlainUserAgent phone) {
        Page onLaptop = laptop.signIn("carol", curfew.password("carol"));
        Page onPhone = phone.signIn("carol", curfew.password("carol"));
        assertThat(onLaptop.sid()).isNotBlank().isNotEqualTo(onPhone.sid());

        curfew.admin().signOutSession(DemoCurfew.REALM, onLaptop.sid(), "interop: one device");

        eventually().until(() -> !laptop.page().signedIn());
        Page gone = laptop.page();
        assertThat(gone.status()).as("the laptop's request: %s", gone).isEqualTo(302);
        assertThat(gone.location()).endsWith("/oauth2/authorization/" + RelyingParty.REGISTRATION_ID);
        Page stays = phone.page();
        assertThat(stays.signedIn()).as("the phone's Spring session: %s", stays).isTrue();
        assertThat(stays.sid()).isEqualTo(onPhone.sid());
    }
}
