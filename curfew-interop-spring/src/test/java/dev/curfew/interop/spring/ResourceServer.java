package dev.curfew.interop.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.curfew.guard.CurfewGuard;
import dev.curfew.guard.GuardDecision;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot API (Spring Security's OAuth2 resource server, JWT) that accepts Curfew's access tokens and
 * refuses the signed-out ones with curfew-guard, configured the way an integrator would: Boot validates the
 * token (issuer-uri, audiences, signature, times), and two more {@code OAuth2TokenValidator<Jwt>} beans,
 * which Boot adds to its decoder, accept RFC 9068's {@code typ: at+jwt} and ask the guard. A refused token is
 * answered {@code 401} with {@code WWW-Authenticate: Bearer error="invalid_token"} by Spring itself.
 * {@code GET /api/me} answers the token's subject and session.
 */
public final class ResourceServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final URI baseUrl;

    private ResourceServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl =
                URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * Starts the API for tokens of {@code issuer} issued to {@code audience}, with the receiver client the guard
     * reads sign-outs with.
     */
    public static ResourceServer start(URI issuer, String audience, String receiverId, String receiverSecret) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.toString());
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", audience);
        properties.put("curfew.guard.receiver-id", receiverId);
        properties.put("curfew.guard.receiver-secret", receiverSecret);
        return new ResourceServer(new SpringApplicationBuilder(Application.class)
                .properties(properties)
                .logStartupInfo(false)
                .run());
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Api.class)
    static class Application {
        @Bean
        SecurityFilterChain api(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
            return http.build();
        }

        /** Curfew's access tokens are {@code typ: at+jwt} (RFC 9068); Spring's default accepts only {@code JWT}. */
        @Bean
        JwtTypeValidator accessTokenType() {
            return new JwtTypeValidator("at+jwt", "application/at+jwt");
        }

        /** One guard for the application; started before the first request, closed with the context. */
        @Bean(destroyMethod = "close")
        CurfewGuard curfewGuard(
                @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") String audience,
                @Value("${curfew.guard.receiver-id}") String receiverId,
                @Value("${curfew.guard.receiver-secret}") String receiverSecret) {
            CurfewGuard guard = CurfewGuard.builder()
                    .issuer(issuer)
                    .audience(audience)
                    .receiver(receiverId, receiverSecret)
                    .build();
            guard.start();
            return guard;
        }

        @Bean
        OAuth2TokenValidator<Jwt> curfewGuardValidator(CurfewGuard guard) {
            return new CurfewGuardValidator(guard);
        }
    }

    /** Refuses, with the guard's reason, every token the guard refuses: in particular the signed-out ones. */
    static final class CurfewGuardValidator implements OAuth2TokenValidator<Jwt> {
        private final CurfewGuard guard;

        CurfewGuardValidator(CurfewGuard guard) {
            this.guard = guard;
        }

        @Override
        public OAuth2TokenValidatorResult validate(Jwt jwt) {
            return switch (guard.check(jwt.getTokenValue())) {
                case GuardDecision.Allowed allowed -> OAuth2TokenValidatorResult.success();
                case GuardDecision.Refused refused ->
                    OAuth2TokenValidatorResult.failure(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, refused.description(), null));
            };
        }
    }

    @RestController
    static class Api {
        @GetMapping("/api/me")
        Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("sub", jwt.getSubject());
            me.put("sid", jwt.getClaimAsString("sid"));
            me.put("client_id", jwt.getClaimAsString("client_id"));
            return me;
        }
    }
}
