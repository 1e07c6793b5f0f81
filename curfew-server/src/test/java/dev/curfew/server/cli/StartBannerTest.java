package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.testing.TestCurfew;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("curfew start: the banner and the log warn when public-url is not set")
class StartBannerTest {

    @Test
    @DisplayName("without public-url the start logs a warning and the banner repeats it")
    void withoutPublicUrlTheStartWarns() {
        ListAppender<ILoggingEvent> log = listen();
        try (TestCurfew curfew = TestCurfew.start()) {
            assertThat(log.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).startsWith("public-url is not set");
            });
            assertThat(banner(curfew.server())).contains("Warning: public-url is not set");
        } finally {
            stop(log);
        }
    }

    @Test
    @DisplayName("with public-url there is no warning")
    void withPublicUrlThereIsNoWarning() {
        ListAppender<ILoggingEvent> log = listen();
        try (TestCurfew curfew = TestCurfew.start(Map.of("public-url", "https://id.example.test"))) {
            assertThat(log.list)
                    .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("public-url is not set"));
            assertThat(banner(curfew.server())).doesNotContain("public-url");
        } finally {
            stop(log);
        }
    }

    private static String banner(CurfewServer server) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StartCommand.printWelcome(new PrintStream(bytes, true, StandardCharsets.UTF_8), server);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(CurfewServer.class)).addAppender(appender);
        return appender;
    }

    private static void stop(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(CurfewServer.class)).detachAppender(appender);
        appender.stop();
    }
}
