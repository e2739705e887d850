package io.shopsense.ads;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class AdsDependencyTest {

    @Test
    void ads_importsOnlyTheJdkAndTheModel() {
        JavaClasses ads = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.ads");

        classes().that().resideInAPackage("io.shopsense.ads..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.shopsense.ads..",
                        "io.shopsense.model..", "io.shopsense.math..")
                .check(ads);
    }
}
