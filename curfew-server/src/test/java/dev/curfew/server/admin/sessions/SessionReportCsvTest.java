package dev.curfew.server.admin.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sessions report's CSV fields: RFC 4180 quoting, and no formula a spreadsheet would run")
class SessionReportCsvTest {
    @Test
    @DisplayName("a plain field stays as it is")
    void plain() {
        assertThat(SessionReportEndpoint.cell("Mozilla/5.0 (X11)")).isEqualTo("Mozilla/5.0 (X11)");
        assertThat(SessionReportEndpoint.cell("")).isEmpty();
    }

    @Test
    @DisplayName("a comma, quote or line break quotes the field, with quotes doubled")
    void quoted() {
        assertThat(SessionReportEndpoint.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(SessionReportEndpoint.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SessionReportEndpoint.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    @DisplayName("a field starting with = + - @ or a tab gets an apostrophe first")
    void formulasDefused() {
        for (String start : new String[] {"=", "+", "-", "@", "\t"}) {
            assertThat(SessionReportEndpoint.cell(start + "1+1")).isEqualTo("'" + start + "1+1");
        }
        assertThat(SessionReportEndpoint.cell("=SUM(A1,A2)")).isEqualTo("\"'=SUM(A1,A2)\"");
    }
}
