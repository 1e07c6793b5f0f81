package dev.curfew.server.cli;

import dev.curfew.server.StartWarmUp;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code curfew} command line: {@code start} runs the server, the others administer one over HTTP. */
@Command(
        name = "curfew",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Curfew: an OpenID Connect identity server whose specialty is session control.",
        footer = {
            "",
            "The admin commands call the admin REST API of the server named by --server,",
            "else CURFEW_SERVER, else http://localhost on the port 'start' would use",
            "(CURFEW_HTTP_PORT, or http-port in the CURFEW_CONFIG file; default 8080).",
            "They sign in as --admin-user with the password from --password-file,",
            "CURFEW_ADMIN_PASSWORD, or a prompt.",
            "",
            "Exit codes: 0 ok, 1 check failed, 2 usage, 3 authentication failed,",
            "4 forbidden, 5 not found, 6 other API error, 7 cannot connect."
        },
        subcommands = {
            StartCommand.class,
            SignOutCommand.class,
            SessionsCommand.class,
            SignOutsCommand.class,
            SchedulesCommand.class,
            AuditCommand.class,
            UsersCommand.class,
            LocksCommand.class,
            KeysCommand.class,
            PlaybookCommand.class,
            ExportCommand.class
        })
public final class CurfewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("start")) {
            StartWarmUp.begin();
            System.exit(startCommandLine(CliContext.system()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /**
     * {@code curfew start} on its own: the same command, options and messages, without the model of every other
     * command, which picocli builds by reflection before it parses anything. That model is most of what the command
     * line costs a start (bench/README.md, "Start-up").
     */
    static CommandLine startCommandLine(CliContext context) {
        return withHandlers(new CommandLine(new StartCommand(), new Factory(context)).setCommandName("curfew start"));
    }

    /**
     * The command line with its context (environment, home, console) and error handling: failures print
     * one message on stderr and return their {@link ExitCode}; usage errors point to {@code --help}.
     */
    public static CommandLine commandLine(CliContext context) {
        return withHandlers(new CommandLine(new CurfewCommand(), new Factory(context)));
    }

    private static CommandLine withHandlers(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliException failure) {
                PrintWriter err = commandLine.getErr();
                err.println("curfew: " + failure.getMessage());
                failure.details().forEach(d -> err.println("  " + d));
                err.flush();
                return failure.exitCode();
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("curfew: " + e.getMessage());
            err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCode.USAGE;
        });
        return cli;
    }

    /** Gives the {@link CliContext} to every command and mixin whose constructor takes one. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
