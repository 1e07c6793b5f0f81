package dev.curfew.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code curfew export}: a realm as JSON, through {@code POST /admin/realms/{realm}/partial-export} — its settings,
 * and with the options its clients, groups and users. It holds no secret.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Exports a realm as JSON: its settings, and --clients, --groups, --users. No secret is exported (client",
            "secrets, password hashes, authenticator secrets, keys). Needs SYSTEM_ADMINISTRATOR for the realm."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--clients", description = "Include the clients.")
    boolean clients;

    @Option(names = "--groups", description = "Include the groups.")
    boolean groups;

    @Option(names = "--users", description = "Include the users, with their groups and required actions.")
    boolean users;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; goes to the audit log.")
    String reason;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the export there instead of printing it.")
    Path output;

    @Override
    public Integer call() {
        List<String> query = new ArrayList<>();
        query.add("exportClients=" + clients);
        query.add("exportGroupsAndRoles=" + groups);
        query.add("exportUsers=" + users);
        if (reason != null) {
            query.add("reason=" + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8));
        }
        try (AdminClient api = connection.connect()) {
            String path = "/admin/realms/" + AdminClient.encode(realm) + "/partial-export?" + String.join("&", query);
            write(spec.commandLine().getOut(), output, api.postText(path));
            return ExitCode.OK;
        }
    }

    /** The export to {@code file}, saying where it went, or to {@code out} when there is no file. */
    static void write(PrintWriter out, Path file, String export) {
        if (file == null) {
            out.println(export);
        } else {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                // Owner-only from the start: the export holds the users' names and addresses.
                Files.deleteIfExists(file);
                Files.createFile(
                        file,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, export);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "Could not write " + file + ": " + e.getMessage());
            }
            out.println("Export written to " + file + " (" + export.length() + " characters).");
        }
        out.flush();
    }
}
