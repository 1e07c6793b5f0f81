package dev.curfew.server.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin commands take from the world around them: the environment, the home directory (for
 * {@code ~/.config/curfew/cli.properties}), the interactive console if there is one, and whether stderr
 * is a terminal (to draw a progress bar in place; Java tells only whether the console is one, which is
 * taken for stderr too). Tests give their own.
 */
public record CliContext(Map<String, String> env, Path home, Optional<Prompter> console, boolean stderrIsTerminal) {

    /** Reads from the person at the terminal; input is never echoed for passwords. */
    public interface Prompter {
        /** The line typed, or empty at end of input. */
        Optional<String> readLine(String prompt);

        /** The password typed, without echo, or empty at end of input. */
        Optional<char[]> readPassword(String prompt);
    }

    public CliContext {
        env = Map.copyOf(env);
    }

    /** The real process: its environment, {@code user.home}, and {@link System#console()}. */
    public static CliContext system() {
        Console console = System.console();
        boolean terminal = console != null && isTerminal(console);
        Optional<Prompter> prompter = terminal ? Optional.of(new SystemPrompter(console)) : Optional.empty();
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), prompter, terminal);
    }

    /**
     * Since Java 22 {@code System.console()} returns a console even when the streams are redirected, and
     * {@code Console.isTerminal()} tells the difference; on Java 21 a console exists only for a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private record SystemPrompter(Console console) implements Prompter {
        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.ofNullable(console.readLine("%s", prompt));
        }

        @Override
        public Optional<char[]> readPassword(String prompt) {
            return Optional.ofNullable(console.readPassword("%s", prompt));
        }
    }
}
