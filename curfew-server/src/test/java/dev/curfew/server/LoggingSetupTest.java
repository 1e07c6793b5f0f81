package dev.curfew.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@DisplayName("Logging set up in code: one line per event on standard output, the talkative libraries from WARN")
class LoggingSetupTest {
    @Test
    @DisplayName("the root logs INFO to the console with the time, level, logger and message; Jetty, Javalin, Hikari"
            + " and Flyway only WARN")
    void setting() {
        LoggerContext context = new LoggerContext();
        LoggingSetup.apply(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("STDOUT");
        assertThat(console.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            assertThat(context.getLogger(quiet + ".Anything").getEffectiveLevel())
                    .isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.curfew.server.Anything").getEffectiveLevel())
                .isEqualTo(Level.INFO);
    }

    @Test
    @DisplayName("with a configuration file of the operator's (or the tests' logback-test.xml) it steps aside, and"
            + " Logback reads the file")
    void stepsAsideForAFile() {
        LoggerContext context = new LoggerContext();
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/curfew/logback.xml");
        try {
            assertThat(new LoggingSetup().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
                .isNull();
    }

    @Test
    @DisplayName("Logback finds it as a service, so the jar needs no XML file")
    void registeredAsAService() throws IOException {
        try (InputStream in =
                LoggingSetup.class.getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(LoggingSetup.class.getName());
        }
    }
}
