package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A start recording its classes for the AOT cache marks the record once it serves")
class RecordedStartTest {
    @TempDir
    Path directory;

    @Test
    @DisplayName("a start in record mode marks its record, beside it, as one of a start that served")
    void recordingStartMarksItsRecord() {
        Path record = directory.resolve("curfew-1.aot.config");

        RecordedStart.served(List.of("-Xmx256m", "-XX:AOTMode=record", "-XX:AOTConfiguration=" + record));

        assertThat(directory.resolve("curfew-1.aot.config.ready")).exists().isEmptyFile();
    }

    @Test
    @DisplayName("a start that does not record marks nothing")
    void otherStartsMarkNothing() {
        Path record = directory.resolve("curfew-1.aot.config");

        RecordedStart.served(List.of("-XX:AOTCache=" + directory.resolve("curfew-1.aot")));
        RecordedStart.served(List.of("-XX:AOTConfiguration=" + record));
        RecordedStart.served(List.of("-XX:AOTMode=record"));

        assertThat(directory).isEmptyDirectory();
    }

    @Test
    @DisplayName("a mark that cannot be written changes nothing for the start")
    void unwritableMarkIsIgnored() {
        RecordedStart.served(List.of(
                "-XX:AOTMode=record", "-XX:AOTConfiguration=" + directory.resolve("missing/curfew.aot.config")));

        assertThat(directory).isEmptyDirectory();
    }
}
