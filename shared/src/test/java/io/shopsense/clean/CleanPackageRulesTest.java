package io.shopsense.clean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** docs/architecture.md §2: cleaning is plain Java over plain data, so the Lambda, the CLI and a Spark job can share it. */
class CleanPackageRulesTest {

    @Test
    void clean_importsOnlyTheJdkTheModelAndJackson() {
        JavaClasses clean = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.clean");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.shopsense.clean..", "io.shopsense.model..", "com.fasterxml.jackson..")
                .check(clean);
    }
}
