package dev.curfew.server.http;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself, for requests that never reach Javalin: a malformed request line or header, a
 * bad {@code Host}, an undecodable or ambiguous path ({@code %zz}, {@code /../}), headers too large. Jetty's own
 * page is HTML without the security headers; this one has them, and is in the error model of the path — RFC 6749 on
 * the protocol paths under {@code /realms/}, RFC 9457 elsewhere (a request too malformed to have a path gets a
 * problem too). Jetty's message ("Bad HostPort", "Ambiguous URI path separator") is its parser's, never the
 * request's content.
 */
public final class JettyErrors implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m ? m : null;
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException e) {
            status = e.getCode();
            response.setStatus(status);
            if (message == null) {
                message = e.getReason();
            }
        }
        String path = path(request);
        SecurityHeaders.forPath(path)
                .forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            // Refused by the admission limit (AdmissionLimit): a well-formed request, on a connection worth keeping;
            // RFC 9110 §10.2.3: when to come back.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, AdmissionLimit.RETRY_AFTER_SECONDS);
        } else {
            // Jetty does not keep a connection whose request it could not parse: say so (RFC 9112 §9.6), or a client
            // sends its next request on it and finds it closed.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        String title = HttpStatus.getMessage(status);
        String refused = status == 400 ? "The request is malformed" : "The request was refused: " + title;
        String detail = message == null || message.equals(title) ? refused : refused + ": " + message;
        byte[] body;
        if (ErrorResponses.isProtocol(path)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            body = ErrorResponses.toJson(ErrorResponses.oauthBody(ErrorResponses.oauthCode(status), detail));
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponses.PROBLEM_JSON);
            body = ErrorResponses.toJson(ErrorResponses.problemBody(status, title, detail, null, List.of()));
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String path(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri == null ? null : uri.getPath();
        return path == null ? "" : path;
    }
}
