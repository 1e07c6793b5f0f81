package dev.curfew.server.http;

import dev.curfew.server.config.AdmissionSettings;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * The fair admission limit in front of every handler (docs/architecture.md, "Admission under load"): at most
 * {@link AdmissionSettings#concurrent()} requests are served at once; the next ones wait their turn first in, first
 * out, at most {@link AdmissionSettings#maxWait()}; when {@link AdmissionSettings#queue()} are already waiting, or a
 * request's wait runs out, it is answered {@code 503} with {@code Retry-After} (RFC 9110 §10.2.3) by {@link
 * JettyErrors} — on the protocol paths in RFC 6749's model, {@code temporarily_unavailable}. Without it, every request that
 * arrives starts at once on its own virtual thread, and under saturation they all share the cores: each is served
 * more slowly the more there are, and whichever the scheduler leaves behind waits seconds.
 *
 * <p>Not limited: a Shared Signals long poll (RFC 8936 §2.4) is held open up to {@code ssf-poll-timeout} on purpose
 * and would hold a turn without using it; the health and metrics endpoints must answer when the server is busy,
 * which is when they are read.
 */
public final class AdmissionLimit extends QoSHandler {
    AdmissionLimit(AdmissionSettings settings) {
        setMaxRequestCount(settings.concurrent());
        setMaxSuspendedRequestCount(settings.queue());
        setMaxSuspend(settings.maxWait());
        excludePath("^/realms/[^/]+/ssf/streams/[^/]+/poll$", "/health/*", "/metrics");
    }

    /** What a refused client is told to wait: about the longest a request waits for a turn by default. */
    static final String RETRY_AFTER_SECONDS = "1";
}
