package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("curfew start, parsed without the other commands: the same usage, options and errors as through the"
        + " whole command line")
class StartCommandLineTest {
    @TempDir
    Path home;

    private record Run(int exitCode, String out, String err) {}

    private Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private CliContext context() {
        return new CliContext(Map.of(), home, Optional.empty(), false);
    }

    @Test
    @DisplayName("--help prints exactly what 'curfew start --help' prints through the whole command line")
    void helpIsTheSame() {
        Run alone = run(CurfewCommand.startCommandLine(context()), "--help");
        Run whole = run(CurfewCommand.commandLine(context()), "start", "--help");

        assertThat(alone.exitCode()).isZero();
        assertThat(alone.out()).startsWith("Usage: curfew start ").contains("--http-port=PORT", "--demo");
        assertThat(alone.out()).isEqualTo(whole.out());
    }

    @Test
    @DisplayName("an unknown option is a usage error (exit 2) that points to 'curfew start --help', as before")
    void unknownOptionIsTheSameError() {
        Run alone = run(CurfewCommand.startCommandLine(context()), "--no-such-option");
        Run whole = run(CurfewCommand.commandLine(context()), "start", "--no-such-option");

        assertThat(alone.exitCode()).isEqualTo(ExitCode.USAGE).isEqualTo(whole.exitCode());
        assertThat(alone.err())
                .contains("Unknown option: '--no-such-option'")
                .contains("Run 'curfew start --help' for usage.");
        assertThat(alone.err()).isEqualTo(whole.err());
    }
}
