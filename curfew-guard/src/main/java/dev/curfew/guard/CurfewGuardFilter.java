package dev.curfew.guard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * A servlet filter that lets a request through only with an access token the {@link CurfewGuard} accepts.
 * The verified token goes into the request attribute {@link #TOKEN_ATTRIBUTE} as a {@link VerifiedToken};
 * a refused request is answered at once (RFC 6750 §3): 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."} (or just {@code Bearer}
 * when no token was sent), 400 {@code invalid_request} for an {@code Authorization} header that is not a
 * bearer token; the body is {@code {"error": ..., "error_description": ...}}.
 *
 * <p>Register it programmatically with a started guard; the application owns the guard and closes it
 * ({@link #destroy()} does not). CORS preflight requests ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) carry no token and are let through.
 */
public final class CurfewGuardFilter implements Filter {
    /** The request attribute holding the {@link VerifiedToken} of an accepted request. */
    public static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();

    private final CurfewGuard guard;

    public CurfewGuardFilter(CurfewGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            throw new ServletException("CurfewGuardFilter handles HTTP requests only");
        }
        if ("OPTIONS".equals(http.getMethod()) && http.getHeader("Access-Control-Request-Method") != null) {
            chain.doFilter(request, response);
            return;
        }
        switch (guard.checkAuthorization(http.getHeader("Authorization"))) {
            case GuardDecision.Allowed allowed -> {
                http.setAttribute(TOKEN_ATTRIBUTE, allowed.verified());
                chain.doFilter(request, response);
            }
            case GuardDecision.Refused refused -> refuse(answer, refused);
        }
    }

    private static void refuse(HttpServletResponse answer, GuardDecision.Refused refused) throws IOException {
        answer.setStatus(refused.status());
        answer.setHeader("WWW-Authenticate", refused.wwwAuthenticate());
        answer.setHeader("Cache-Control", "no-store");
        answer.setContentType("application/json");
        answer.setCharacterEncoding("UTF-8");
        String error = refused.error().orElse("invalid_token");
        // The descriptions are the guard's own constants: no quote or backslash to escape.
        answer.getWriter()
                .write("{\"error\":\"" + error + "\",\"error_description\":\"" + refused.description() + "\"}");
    }
}
