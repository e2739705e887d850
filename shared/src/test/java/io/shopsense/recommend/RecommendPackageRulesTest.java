package io.shopsense.recommend;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class RecommendPackageRulesTest {

    /** The model and the JDK-only numeric helpers ({@code math}), as the profile package. */
    @Test
    void recommendPackage_dependsOnlyOnTheJdkTheModelAndMath() {
        JavaClasses recommend = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.recommend");
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.shopsense.recommend..", "io.shopsense.model..", "io.shopsense.math..")
                .check(recommend);
    }
}
