package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code curfew keys rotate}: a new key of the realm's algorithm signs from now on; the old keys verify the tokens
 * they signed until those expire, or with {@code --retire-old} are retired at once. Audited with the reason.
 */
@Command(
        name = "rotate",
        mixinStandardHelpOptions = true,
        description = {
            "Rotates the realm's signing key: a new key signs from now on. The old keys verify the tokens they",
            "signed until those expire; with --retire-old they are retired at once and every token they signed",
            "is refused (by resource servers at their next fetch of the JWKS)."
        })
final class KeysRotateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why the key is rotated; goes to the audit log.")
    String reason;

    @Option(names = "--retire-old", description = "Retire the old keys at once instead of when their tokens expire.")
    boolean retireOld;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        ObjectNode body =
                AdminClient.JSON.createObjectNode().put("reason", reason).put("retireOld", retireOld);
        try (AdminClient api = connection.connect()) {
            JsonNode rotated = api.post("/admin/realms/" + AdminClient.encode(realm) + "/keys/rotations", body);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, rotated);
                return ExitCode.OK;
            }
            JsonNode key = rotated.path("key");
            out.println("New signing key " + key.path("kid").asText() + " ("
                    + key.path("algorithm").asText() + ") signs the tokens of realm '" + realm + "' from now on.");
            JsonNode oldKeys = rotated.path("oldKeys");
            if (oldKeys.isEmpty()) {
                out.println("There were no old keys.");
            } else {
                out.println(
                        retireOld
                                ? "Retired at once: every token they signed is refused (by resource servers at their"
                                        + " next fetch of the JWKS)."
                                : "The old keys verify the tokens they signed until those expire:");
                out.println();
                KeysListCommand.keyTable(oldKeys).print(out);
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
