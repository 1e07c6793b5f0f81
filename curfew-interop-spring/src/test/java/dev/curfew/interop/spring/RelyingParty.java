package dev.curfew.interop.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A Spring Boot web application that signs its users in with Curfew, configured the way an integrator would:
 * Spring Security's OAuth2 login against the issuer (registration id {@code curfew}, discovery fetched from
 * {@code issuer-uri} at start-up) and OpenID Connect Back-Channel Logout, whose endpoint is {@code POST
 * /logout/connect/back-channel/curfew}. Every page needs a signed-in user; {@code /} shows who it is and the
 * Curfew session ({@code sid}) the login belongs to. It listens on a free port of 127.0.0.1.
 *
 * <p>Nothing in it knows Curfew beyond the standard: what ends a session here is Spring Security validating
 * a logout token and invalidating the HTTP session registered for that {@code sid}.
 */
public final class RelyingParty implements AutoCloseable {
    public static final String REGISTRATION_ID = "curfew";

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;

    private RelyingParty(ConfigurableApplicationContext context) {
        this.context = context;
        String port = context.getEnvironment().getRequiredProperty("local.server.port");
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the application; Curfew must be up already (discovery is read at start-up). */
    public static RelyingParty start(URI issuer, String clientId, String clientSecret) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        String registration = "spring.security.oauth2.client.registration." + REGISTRATION_ID + ".";
        properties.put(registration + "client-id", clientId);
        properties.put(registration + "client-secret", clientSecret);
        properties.put(registration + "scope", "openid,profile");
        properties.put("spring.security.oauth2.client.provider." + REGISTRATION_ID + ".issuer-uri", issuer.toString());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .properties(properties)
                .logStartupInfo(false)
                .run();
        return new RelyingParty(context);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The redirect URI to register at Curfew (Spring's default {@code {baseUrl}/login/oauth2/code/{id}}). */
    public String redirectUri() {
        return baseUrl + "/login/oauth2/code/" + REGISTRATION_ID;
    }

    /** The back-channel logout URI to register at Curfew. */
    public String backChannelLogoutUri() {
        return baseUrl + "/logout/connect/back-channel/" + REGISTRATION_ID;
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Pages.class)
    static class Application {
        /** The integrator's whole security configuration. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2Login(withDefaults())
                    .oidcLogout(logout -> logout.backChannel(withDefaults()));
            return http.build();
        }
    }

    @RestController
    static class Pages {
        @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
        String home(@AuthenticationPrincipal OidcUser user) {
            String sid = user.getIdToken().getClaimAsString("sid");
            return "<!DOCTYPE html><html lang=\"en\"><head><title>Spring relying party</title></head><body>"
                    + "<h1>Signed in as <span id=\"user\">" + HtmlUtils.htmlEscape(user.getPreferredUsername())
                    + "</span></h1><p>Curfew session <span id=\"sid\">" + HtmlUtils.htmlEscape(String.valueOf(sid))
                    + "</span></p></body></html>";
        }
    }
}
