package dev.curfew.core.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The domain's packages depend on each other one way only ({@code docs/architecture.md}, "Modules"). */
@DisplayName("The core: no cycle between its packages")
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.curfew.core");

    @Test
    @DisplayName("no cycle between the core's top-level packages")
    void noPackageCycles() {
        slices().matching("dev.curfew.core.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
