package dev.curfew.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Curfew's logging, set up in code: one line per event on standard output, and the libraries that talk a lot at INFO
 * (Jetty, Javalin, Hikari, Flyway) only from WARN. Logback finds this class as a service before it looks for an XML
 * file; reading an XML configuration was a tenth of a restart (bench/README.md, "Start-up").
 *
 * <p>An operator's own configuration still wins: with {@code -Dlogback.configurationFile=...} (operator guide,
 * "Health, metrics, logs"), or a {@code logback-test.xml} on the class path, this steps aside and Logback reads the
 * file.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    private static final String[] QUIET = {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Curfew's own setting, on {@code context}. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
    }
}
