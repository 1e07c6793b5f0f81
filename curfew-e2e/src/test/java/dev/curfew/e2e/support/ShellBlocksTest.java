package dev.curfew.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.e2e.support.ShellBlocks.Block;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ShellBlocks: the sh examples of a guide, and which are illustrations")
class ShellBlocksTest {
    private static final Path GUIDE = Path.of("guide.md");

    private static List<Block> parse(String markdown) {
        return ShellBlocks.parse(GUIDE, markdown.lines().toList());
    }

    @Test
    @DisplayName("sh blocks in order with their line; other languages are not examples to run")
    void blocksInOrder() {
        List<Block> blocks = parse("""
                # Guide
                ```sh
                echo one
                ```
                ```json
                {"not": "shell"}
                ```
                ```sh
                echo two
                echo three
                ```
                """);

        assertThat(blocks).extracting(Block::line).containsExactly(2, 8);
        assertThat(blocks).extracting(Block::text).containsExactly("echo one", "echo two\necho three");
        assertThat(blocks).noneMatch(Block::illustration);
    }

    @Test
    @DisplayName("the illustration comment on the line before the fence, blank lines allowed, marks that block only")
    void illustrations() {
        List<Block> blocks = parse("""
                <!-- illustration -->

                ```sh
                ./curfew start
                ```
                Text.
                ```sh
                curl -s $BASE/health/ready
                ```
                """);

        assertThat(blocks).extracting(Block::illustration).containsExactly(true, false);
    }

    @Test
    @DisplayName("a block indented in a list item loses the indent, and may be an illustration too")
    void indentedBlocks() {
        List<Block> blocks = parse("""
                4. Exchange it:
                   <!-- illustration -->
                   ```sh
                   curl -s -u "demo-app:$DEMO_SECRET" \\
                     -d grant_type=authorization_code
                   ```
                """);

        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.illustration()).isTrue();
            assertThat(b.text())
                    .isEqualTo("curl -s -u \"demo-app:$DEMO_SECRET\" \\\n  -d grant_type=authorization_code");
        });
    }

    @Test
    @DisplayName("a block never closed is an error naming where it starts")
    void unclosed() {
        assertThatThrownBy(() -> parse("```sh\necho one\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guide.md:1");
    }
}
