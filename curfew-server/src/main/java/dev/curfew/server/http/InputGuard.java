package dev.curfew.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, before any endpoint reads them, inputs no endpoint can take: a multipart body, a body in a character set
 * Java does not know (Javalin would fail to decode it, a 500), and query or form parameters holding U+0000 or an unpaired
 * surrogate, which no identifier, name or token contains (see {@link StorableText}). The answer is in the error
 * model of the path.
 */
public final class InputGuard {
    private static final String FORM = "application/x-www-form-urlencoded";

    private InputGuard() {}

    public static void check(Context ctx) {
        // The body first (Javalin keeps it for the endpoint; over the size limit it is a 413): an answer given with
        // the body unread makes Jetty close the connection after it, unannounced, and the client's next request on
        // that connection fails.
        ctx.bodyAsBytes();
        checkCharset(ctx);
        checkMediaType(ctx);
        checkParams(ctx, ctx.queryParamMap(), "query parameter");
        String contentType = ctx.header("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            checkParams(ctx, ctx.formParamMap(), "form parameter");
        }
    }

    /**
     * No endpoint takes multipart bodies (forms are {@value #FORM}, the APIs JSON); Javalin would parse one as soon as
     * any form parameter is read, and a malformed one fails deep in the servlet layer.
     */
    private static void checkMediaType(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            refuseMediaType(ctx, "Multipart bodies are not accepted: send " + FORM + " or application/json");
        }
    }

    private static void refuseMediaType(Context ctx, String detail) {
        if (ErrorResponses.isAdminApi(ctx.path())) {
            // RFC 9110 §15.5.16: the content's media type (or its charset parameter) is not supported.
            throw new Problem(415, "Unsupported Media Type", detail);
        }
        throw new HttpResponseException(ErrorResponses.isProtocol(ctx.path()) ? 400 : 415, detail);
    }

    private static void checkCharset(Context ctx) {
        String charset = ctx.req().getCharacterEncoding();
        if (charset == null) {
            return;
        }
        boolean known;
        try {
            known = Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            known = false;
        }
        if (!known) {
            refuseMediaType(ctx, "The request's character set is unknown: use UTF-8");
        }
    }

    private static void checkParams(Context ctx, Map<String, List<String>> params, String kind) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            boolean fit =
                    StorableText.is(param.getKey()) && param.getValue().stream().allMatch(StorableText::is);
            if (fit) {
                continue;
            }
            String name = StorableText.is(param.getKey()) ? param.getKey() : "(a parameter name)";
            if (ErrorResponses.isAdminApi(ctx.path())) {
                throw Problem.invalid(List.of(Problem.field(name, StorableText.REASON)));
            }
            throw new HttpResponseException(400, "The " + kind + " " + name + " " + StorableText.REASON);
        }
    }
}
