package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProgressBar and Table: what people read")
class ProgressBarTest {
    @Test
    @DisplayName("the bar fills in proportion, and stays full when more sessions ended than counted")
    void render() {
        assertThat(ProgressBar.render(0, 10000)).isEqualTo("[" + ".".repeat(30) + "] 0/10000 sessions");
        assertThat(ProgressBar.render(1200, 10000))
                .isEqualTo("[" + "#".repeat(3) + ".".repeat(27) + "] 1200/10000 sessions");
        assertThat(ProgressBar.render(10002, 10000)).startsWith("[" + "#".repeat(30) + "]");
    }

    @Test
    @DisplayName("regression: '1/0 sessions' with an empty bar; the count never exceeds the total shown")
    void countNeverExceedsTotal() {
        assertThat(ProgressBar.render(1, 0)).isEqualTo("[" + "#".repeat(30) + "] 1/1 sessions");
        assertThat(ProgressBar.render(10002, 10000)).isEqualTo("[" + "#".repeat(30) + "] 10002/10002 sessions");
        assertThat(ProgressBar.render(0, 0)).isEqualTo("[" + "#".repeat(30) + "] 0/0 sessions");
    }

    @Test
    @DisplayName("without a terminal the bar writes whole lines, not carriage returns")
    void plainLines() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), false, 100);

        bar.update(0);
        bar.update(50);
        bar.finish(100);

        assertThat(err.toString())
                .doesNotContain("\r")
                .contains("0/100 sessions\n")
                .endsWith("100/100 sessions\n");
    }

    @Test
    @DisplayName("a table aligns its columns and keeps each row on one line")
    void table() {
        StringWriter out = new StringWriter();
        new Table("ID", "NAME").row("1", "a\nb").row("100", "c").print(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("ID   NAME\n1    a b\n100  c\n");
        assertThat(Table.truncate("abcdefghij", 8)).isEqualTo("abcde...");
    }
}
