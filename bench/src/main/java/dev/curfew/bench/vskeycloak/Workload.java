package dev.curfew.bench.vskeycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The protocol workloads measured on both servers. Each worker of a run has its own user (and its own tokens),
 * taken before the run starts; only {@link Op#call} is timed.
 */
enum Workload {
    CLIENT_CREDENTIALS("client_credentials grant"),
    REFRESH("refresh grant (rotating)"),
    INTROSPECTION("introspection of an access token"),
    USERINFO("userinfo"),
    PASSWORD("password grant (default hashing)"),
    /**
     * The realm's discovery document: no client, no token, no database read on either server — what one request
     * costs in each server's HTTP stack and framework, the floor under every other workload. Not in the default set.
     */
    DISCOVERY("discovery document (the HTTP floor)");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What one request came to: a success, or the reason it counts as an error. */
    record Outcome(boolean ok, String error) {
        static final Outcome OK = new Outcome(true, "");

        static Outcome of(Http.Answer answer) {
            return answer.status() == 200 ? OK : new Outcome(false, "HTTP " + answer.status());
        }
    }

    /** One worker's requests. */
    interface Op {
        /** Untimed work before a request (a new refresh token after one was refused). */
        default void prepare(int worker) throws IOException, InterruptedException {}

        /** One timed request. */
        Outcome call(int worker) throws IOException, InterruptedException;
    }

    /** The requests of this workload for {@code workers} workers; tokens they need are taken now. */
    Op op(Grants grants, int workers) throws IOException, InterruptedException {
        List<BenchRealm.User> users = grants.realm().users();
        return switch (this) {
            case CLIENT_CREDENTIALS -> worker -> Outcome.of(grants.clientCredentials());
            case PASSWORD -> worker -> Outcome.of(grants.password(users.get(worker % users.size())));
            case USERINFO -> {
                String[] tokens = accessTokens(grants, workers);
                yield worker -> Outcome.of(grants.userinfo(tokens[worker]));
            }
            case INTROSPECTION -> {
                String[] tokens = accessTokens(grants, workers);
                yield worker -> active(grants.introspect(tokens[worker]));
            }
            case REFRESH -> new Refresh(grants, users, workers);
            case DISCOVERY -> worker -> Outcome.of(grants.discovery());
        };
    }

    private static String[] accessTokens(Grants grants, int workers) throws IOException, InterruptedException {
        List<BenchRealm.User> users = grants.realm().users();
        String[] tokens = new String[workers];
        for (int w = 0; w < workers; w++) {
            tokens[w] = grants.login(users.get(w % users.size())).accessToken();
        }
        return tokens;
    }

    /** RFC 7662 §2.2: a 200 that says {@code active: false} did not introspect the token: an error here. */
    private static Outcome active(Http.Answer answer) throws IOException {
        if (answer.status() != 200) {
            return Outcome.of(answer);
        }
        JsonNode json = Admin.JSON.readTree(answer.body());
        return json.path("active").asBoolean() ? Outcome.OK : new Outcome(false, "active:false");
    }

    /**
     * Each worker refreshes its own token chain. A refresh refused with 503 (the server was too busy to read it) is
     * tried again later with the same token, as a client told to come back would; any other refusal is an error,
     * and the worker signs in again.
     */
    private static final class Refresh implements Op {
        private final Grants grants;
        private final List<BenchRealm.User> users;
        private final String[] tokens;

        Refresh(Grants grants, List<BenchRealm.User> users, int workers) {
            this.grants = grants;
            this.users = users;
            this.tokens = new String[workers];
        }

        @Override
        public void prepare(int worker) throws IOException, InterruptedException {
            if (tokens[worker] == null) {
                tokens[worker] = grants.login(users.get(worker % users.size())).refreshToken();
            }
        }

        @Override
        public Outcome call(int worker) throws IOException, InterruptedException {
            Http.Answer answer = grants.refresh(tokens[worker]);
            if (answer.status() == 200) {
                tokens[worker] = Grants.Tokens.of(answer).refreshToken();
            } else if (answer.status() != 503) {
                tokens[worker] = null;
            }
            return Outcome.of(answer);
        }
    }
}
