package dev.curfew.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.curfew.engine.Engine;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.Services;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's feature packages depend on each other one way only ({@code docs/architecture.md}, "Modules"): the
 * features use the shared HTTP helpers of {@code http}, which knows no feature ({@code CurfewServer} registers their
 * routes), and configuration and bootstrap never reach back into what uses them. {@link Services} is the
 * composition root: every route table, endpoint and service is given exactly what it uses, so nothing else may
 * receive it or the whole {@link Engine}.
 */
@DisplayName("The server: no cycle between its feature packages, and one composition root")
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.curfew.server");

    @Test
    @DisplayName("no cycle between the server's top-level packages")
    void noPackageCycles() {
        slices().matching("dev.curfew.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    @DisplayName(
            "only the start-up knows the composition root and the whole engine: everything else is given its parts")
    void oneCompositionRoot() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(CurfewServer.class.getName())
                .and()
                .doNotHaveFullyQualifiedName(Services.class.getName())
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Services.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Engine.class.getName())
                .check(SERVER);
    }

    @Test
    @DisplayName("no two top-level classes of the server and the modules under it share a name")
    void classNamesSayWhichOne() {
        JavaClasses all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.curfew.core", "dev.curfew.store", "dev.curfew.engine", "dev.curfew.server");
        Map<String, List<String>> byName = StreamSupport.stream(all.spliterator(), false)
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .collect(groupingBy(JavaClass::getSimpleName, mapping(JavaClass::getName, toList())));
        assertThat(byName)
                .allSatisfy((name, classes) ->
                        assertThat(classes).as("classes named %s", name).hasSize(1));
    }
}
