package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one sign-out on the server, polling {@code GET .../sign-outs/{id}} every {@value #POLL_MILLIS}
 * ms and drawing its {@code affectedSessions} on a {@link ProgressBar}: while the POST that runs a filter
 * sign-out is still in flight, or while a realm or client sign-out's background clean-up is RUNNING.
 */
final class SignOutProgress {
    static final long POLL_MILLIS = 200;

    private final AdminClient api;
    private final String signOutPath;
    private final ProgressBar bar;
    private final String followCommand;

    /** @param followCommand how to follow it by hand, said when the wait is interrupted */
    SignOutProgress(AdminClient api, String signOutPath, ProgressBar bar, String followCommand) {
        this.api = api;
        this.signOutPath = signOutPath;
        this.bar = bar;
        this.followCommand = followCommand;
    }

    /** Polls while {@code post} runs; its answer when it comes, with the bar at the final count. */
    JsonNode whilePosting(CompletableFuture<JsonNode> post) {
        bar.update(0);
        while (true) {
            try {
                JsonNode answer = post.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                bar.finish(answer.path("affectedSessions").asLong());
                return answer;
            } catch (TimeoutException e) {
                // Until the server has stored the sign-out, its id is not found: nothing to show yet.
                api.find(signOutPath)
                        .ifPresent(s -> bar.update(s.path("affectedSessions").asLong()));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof CliException c ? c : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
    }

    /** Polls until the sign-out is no longer RUNNING (COMPLETED, or FAILED); the sign-out as it ended. */
    JsonNode untilCompleted() {
        JsonNode current = api.get(signOutPath);
        while (isRunning(current)) {
            bar.update(current.path("affectedSessions").asLong());
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                throw interrupted();
            }
            current = api.get(signOutPath);
        }
        bar.finish(current.path("affectedSessions").asLong());
        return current;
    }

    static boolean isRunning(JsonNode signOut) {
        return "RUNNING".equals(signOut.path("status").asText());
    }

    static boolean isFailed(JsonNode signOut) {
        return "FAILED".equals(signOut.path("status").asText());
    }

    private CliException interrupted() {
        Thread.currentThread().interrupt();
        return new CliException(
                ExitCode.API_ERROR, "Stopped waiting; the sign-out goes on in the server. Follow it: " + followCommand);
    }
}
