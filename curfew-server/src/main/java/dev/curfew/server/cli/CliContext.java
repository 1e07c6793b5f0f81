package dev.curfew.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin commands take from the world around them: the environment, the home directory (for
 * {@code ~/.config/curfew/cli.properties}), the interactive console if there is one, whether stderr
 * is a terminal (to draw a progress bar in place; Java tells only whether the console is one, which is
 * taken for stderr too), and standard input (a new password piped in by a script). Tests give their own.
 */
public record CliContext(
        Map<String, String> env, Path home, Optional<Prompter> console, boolean stderrIsTerminal, InputStream stdin) {

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

    /** A context whose standard input is empty. */
    public CliContext(Map<String, String> env, Path home, Optional<Prompter> console, boolean stderrIsTerminal) {
        this(env, home, console, stderrIsTerminal, InputStream.nullInputStream());
    }

    /** The first line of standard input, without its line end; empty when there is none. */
    public Optional<String> stdinLine() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            return Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The real process: its environment, {@code user.home}, and {@link System#console()}. */
    public static CliContext system() {
        Console console = System.console();
        boolean terminal = console != null && isTerminal(console);
        Optional<Prompter> prompter = terminal ? Optional.of(new SystemPrompter(console)) : Optional.empty();
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), prompter, terminal, System.in);
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
