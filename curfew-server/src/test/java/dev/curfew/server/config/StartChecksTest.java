package dev.curfew.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.server.CurfewServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Start-up checks: what stops Curfew from starting is reported all at once, before anything opens")
class StartChecksTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("regression: a port in use hid an unwritable data directory; both are reported")
    void portInUseAndUnwritableDataDirectory() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CurfewConfig config = ConfigLoader.load(
                    Map.of(
                            "http-host",
                            "127.0.0.1",
                            "http-port",
                            Integer.toString(taken.getLocalPort()),
                            "data-dir",
                            notADirectory.toString()),
                    Map.of());

            assertThatThrownBy(() -> CurfewServer.start(config))
                    .isInstanceOfSatisfying(
                            ConfigException.class,
                            e -> assertThat(e.problems())
                                    .hasSize(2)
                                    .anySatisfy(p -> assertThat(p).contains("port " + taken.getLocalPort(), "in use"))
                                    .anySatisfy(p -> assertThat(p).contains("data directory", "not writable")));
        }
    }
}
