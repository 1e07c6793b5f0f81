package dev.curfew.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape ({@code docs/architecture.md}, "Modules"): its feature packages depend on each other one way
 * only, and it holds no HTTP server, web framework, template engine or command line, and nothing of the server.
 */
@DisplayName("The engine: no package cycles, no HTTP, nothing of the server")
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.curfew.engine");

    @Test
    @DisplayName("no cycle between the engine's feature packages")
    void noPackageCycles() {
        slices().matching("dev.curfew.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    @DisplayName("no engine class uses Javalin, the servlet API, Jetty, JTE or picocli")
    void noHttpServerWebOrCommandLine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "jakarta.servlet..", "gg.jte..", "picocli..", "org.eclipse.jetty..")
                .check(ENGINE);
    }

    @Test
    @DisplayName("no engine class uses the server")
    void nothingOfTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.curfew.server..")
                .check(ENGINE);
    }
}
