package io.shopsense.recommend;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class RecommendPackageRulesTest {

    @Test
    void recommendPackage_dependsOnlyOnTheJdkAndTheModel() {
        JavaClasses recommend = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.recommend");
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.shopsense.recommend..", "io.shopsense.model..")
                .check(recommend);
    }
}
