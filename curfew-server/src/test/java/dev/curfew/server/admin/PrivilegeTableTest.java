package dev.curfew.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The privileges {@code docs/api-reference.md} states are those the server checks: its privilege table and the
 * privilege in each endpoint's heading are read and compared with the route table of {@link AdminRoutes}.
 */
@DisplayName("docs/api-reference.md states the privilege of every admin route as the route table checks it")
class PrivilegeTableTest {
    private static final String TABLE_HEADER = "| method | path | privilege |";
    /** {@code ### `GET /admin/realms/{realm}/users?first=0` — `USER_ADMINISTRATOR`}. */
    private static final Pattern HEADING =
            Pattern.compile("^### `(GET|POST|PUT|DELETE) (/admin/realms[^`?]*)(?:\\?[^`]*)?` — (.+)$");

    private static TestCurfew curfew;
    private static List<String> doc;

    @BeforeAll
    static void start() throws IOException {
        curfew = TestCurfew.start();
        try (InputStream in = PrivilegeTableTest.class.getResourceAsStream("/docs/api-reference.md")) {
            assertThat(in).as("docs/api-reference.md on the test class path").isNotNull();
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** "METHOD path" → the privilege as the docs word it, in the route table's order. */
    private static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (AdminRoute r : curfew.services().adminRoutes().table()) {
            routes.put(r.method() + " " + r.path(), r.access().describe());
        }
        return routes;
    }

    private static Map<String, String> documentedTable() {
        int start = doc.indexOf(TABLE_HEADER);
        assertThat(start).as("a table headed " + TABLE_HEADER).isNotNegative();
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : doc.subList(start + 2, doc.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            assertThat(cells).as(line).hasSize(3);
            String key = unquote(cells[0].strip()) + " " + unquote(cells[1].strip());
            assertThat(table.put(key, cells[2].strip()))
                    .as("listed once: " + key)
                    .isNull();
        }
        return table;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "");
    }

    @Test
    @DisplayName("the privilege table lists every admin route, and no other, with the privilege the server checks")
    void tableMatchesTheRoutes() {
        assertThat(documentedTable()).containsExactlyInAnyOrderEntriesOf(routes());
    }

    @Test
    @DisplayName("each endpoint heading that names a privilege names the one the server checks")
    void headingsMatchTheRoutes() {
        Map<String, String> routes = routes();
        int checked = 0;
        for (String line : doc) {
            Matcher m = HEADING.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String path = m.group(2).replaceFirst("^/admin/realms/master/", "/admin/realms/{realm}/");
            String key = m.group(1) + " " + path;
            assertThat(routes).as("an admin route for the heading: " + line).containsKey(key);
            assertThat(m.group(3)).as(line).isEqualTo(routes.get(key));
            checked++;
        }
        assertThat(checked).as("headings checked").isGreaterThan(40);
    }
}
