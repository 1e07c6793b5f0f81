package dev.curfew.server.cli;

import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.config.ConfigLoader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the admin commands connect and as whom. Each setting comes from its flag, else the CLI config
 * file ({@code --cli-config}, or {@code ~/.config/curfew/cli.properties} when it exists), else its
 * default. The server may also come from {@code CURFEW_SERVER} (over the file), and by default is the one
 * {@code curfew start} would run on this machine: {@code http://localhost} with the port it reads
 * ({@code CURFEW_HTTP_PORT}, or {@code http-port} in the file named by {@code CURFEW_CONFIG}; 8080 when
 * unset). The password comes from {@code --password-file}, else {@code CURFEW_ADMIN_PASSWORD}, else the
 * config file's {@code password-file}, else a prompt on the terminal — never from a flag, which anyone
 * on the machine could read in the process list.
 */
final class Connection {
    static final String DEFAULT_SERVER = "http://localhost:8080";
    static final String SERVER_ENV = "CURFEW_SERVER";
    static final String DEFAULT_USER = "admin";
    static final String PASSWORD_ENV = "CURFEW_ADMIN_PASSWORD";

    private final CliContext context;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Curfew's base URL; else " + SERVER_ENV + ", else config server=, else http://localhost"
                    + " on the port 'curfew start' reads (CURFEW_HTTP_PORT, CURFEW_CONFIG; default 8080).")
    String server;

    @Option(
            names = "--admin-user",
            paramLabel = "NAME",
            description = "Master-realm administrator to sign in as; default " + DEFAULT_USER + " (config: user=).")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File holding the password (first line). Else " + PASSWORD_ENV
                    + ", else the config's password-file=, else a prompt.")
    Path passwordFile;

    @Option(
            names = "--cli-config",
            paramLabel = "FILE",
            description =
                    "Properties file with server=, user=, password-file=; default ~/.config/curfew/cli.properties.")
    Path cliConfig;

    @Option(names = "--verbose", description = "Show each HTTP call on stderr (never the password or the token).")
    boolean verbose;

    Connection(CliContext context) {
        this.context = context;
    }

    /** A client for the settings given, with the password read now. */
    AdminClient connect() {
        Properties config = config();
        String base = Optional.ofNullable(server)
                .or(() -> Optional.ofNullable(context.env().get(SERVER_ENV)).filter(v -> !v.isBlank()))
                .or(() -> Optional.ofNullable(config.getProperty("server")))
                .orElseGet(() -> localServer(context.env()));
        String name = Optional.ofNullable(user)
                .or(() -> Optional.ofNullable(config.getProperty("user")))
                .orElse(DEFAULT_USER);
        URI uri = serverUri(base);
        char[] password = password(config, name, uri);
        try {
            return new AdminClient(
                    uri,
                    name,
                    password,
                    verbose ? Optional.of(spec.commandLine().getErr()) : Optional.empty());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The server {@code curfew start} would run here with this environment: its port, and its interface when
     * that is one address rather than all of them. Port 0 (any free port) cannot be known, so it is 8080.
     */
    static String localServer(Map<String, String> env) {
        Map<String, String> start = ConfigLoader.values(Map.of(), env, new ArrayList<>());
        int port;
        try {
            port = AsciiNumbers.parseInt(start.getOrDefault("http-port", "8080").strip());
        } catch (NumberFormatException e) {
            port = 8080;
        }
        if (port < 1 || port > 65535) {
            port = 8080;
        }
        String host = start.getOrDefault("http-host", "").strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "localhost";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    private URI serverUri(String base) {
        try {
            URI uri = new URI(base.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw usage("the server (--server, " + SERVER_ENV + " or server=) must be an http or https URL such as "
                        + DEFAULT_SERVER + ", not '" + base + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage("the server (--server, " + SERVER_ENV + " or server=) must be an http or https URL such as "
                    + DEFAULT_SERVER + ", not '" + base + "'");
        }
    }

    private char[] password(Properties config, String name, URI uri) {
        if (passwordFile != null) {
            return readPasswordFile(passwordFile, "--password-file");
        }
        String fromEnv = context.env().get(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        String configured = config.getProperty("password-file");
        if (configured != null && !configured.isBlank()) {
            return readPasswordFile(expandHome(configured.strip()), "password-file in the CLI config");
        }
        CliContext.Prompter console = context.console()
                .orElseThrow(() -> usage("no password: set " + PASSWORD_ENV
                        + ", pass --password-file FILE, set password-file= in the CLI config, or run in a terminal"));
        return console.readPassword("Password for " + name + " at " + uri + ": ")
                .orElseThrow(() -> usage("no password given"));
    }

    private char[] readPasswordFile(Path file, String source) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String firstLine = content.lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw usage(source + " " + file + " is empty");
            }
            return firstLine.toCharArray();
        } catch (IOException e) {
            throw usage("cannot read " + source + " " + file + ": " + e.getMessage());
        }
    }

    /** The CLI config: the file named, or the default one when it exists, or nothing. */
    private Properties config() {
        Properties properties = new Properties();
        Path file = cliConfig;
        if (file == null) {
            Path standard = context.home().resolve(".config/curfew/cli.properties");
            if (!Files.isRegularFile(standard)) {
                return properties;
            }
            file = standard;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw usage("cannot read the CLI config " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private Path expandHome(String path) {
        return path.startsWith("~/") ? context.home().resolve(path.substring(2)) : Path.of(path);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
