package dev.curfew.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code curfew audit}: the realm's hash-chained audit log. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Reads and verifies a realm's audit log. Needs AUDITOR for the realm.",
        subcommands = {AuditListCommand.class, AuditVerifyCommand.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
