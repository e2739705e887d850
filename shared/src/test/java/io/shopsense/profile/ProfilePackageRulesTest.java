package io.shopsense.profile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The profile algorithms stay plain Java over plain data: JDK and the model records only. */
class ProfilePackageRulesTest {

    @Test
    void profilePackage_dependsOnlyOnJdkAndModel() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.profile");

        classes().that().resideInAPackage("io.shopsense.profile..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.shopsense.profile..", "io.shopsense.model..", "io.shopsense.math..")
                .check(classes);
    }
}
