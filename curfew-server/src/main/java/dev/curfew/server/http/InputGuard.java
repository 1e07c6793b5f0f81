package dev.curfew.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, before any endpoint reads them, inputs no endpoint can take: a body in a character set Java does not
 * know (Javalin would fail to decode it, a 500), and query or form parameters holding U+0000 or an unpaired
 * surrogate, which no identifier, name or token contains and PostgreSQL cannot store or compare (see
 * {@link JsonBodies#unfitString}). The answer is in the error model of the path.
 */
public final class InputGuard {
    private static final String FORM = "application/x-www-form-urlencoded";

    private InputGuard() {}

    public static void check(Context ctx) {
        checkCharset(ctx);
        checkParams(ctx, ctx.queryParamMap(), "query parameter");
        String contentType = ctx.contentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            checkParams(ctx, ctx.formParamMap(), "form parameter");
        }
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
            String detail = "The request's character set is unknown: use UTF-8";
            if (ErrorResponses.isAdminApi(ctx.path())) {
                // RFC 9110 §15.5.16: the content's media type, here its charset parameter, is not supported.
                throw new Problem(415, "Unsupported Media Type", detail);
            }
            throw new HttpResponseException(ErrorResponses.isProtocol(ctx.path()) ? 400 : 415, detail);
        }
    }

    private static void checkParams(Context ctx, Map<String, List<String>> params, String kind) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            boolean fit =
                    JsonBodies.fit(param.getKey()) && param.getValue().stream().allMatch(JsonBodies::fit);
            if (fit) {
                continue;
            }
            String name = JsonBodies.fit(param.getKey()) ? param.getKey() : "(a parameter name)";
            if (ErrorResponses.isAdminApi(ctx.path())) {
                throw Problem.invalid(List.of(Problem.field(name, JsonBodies.UNFIT_STRING)));
            }
            throw new HttpResponseException(400, "The " + kind + " " + name + " " + JsonBodies.UNFIT_STRING);
        }
    }
}
