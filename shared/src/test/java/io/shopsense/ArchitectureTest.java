package io.shopsense;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * docs/architecture.md §2: the algorithm packages are plain Java over plain data, so the same code runs in a Lambda, the CLI, a
 * benchmark or a Spark job. They import nothing from AWS or Lambda; the model imports only the JDK.
 */
@AnalyzeClasses(packages = "io.shopsense", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule algorithmsDoNotImportAws = noClasses()
            .that().resideInAnyPackage("io.shopsense.model..", "io.shopsense.clean..", "io.shopsense.profile..",
                    "io.shopsense.recommend..", "io.shopsense.ads..", "io.shopsense.assistant..",
                    "io.shopsense.audience..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                    "com.amazon..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule modelDependsOnTheJdkOnly = noClasses()
            .that().resideInAPackage("io.shopsense.model..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.shopsense.model..");

    /** Numeric building blocks (linear algebra, optimisation, special functions, random variates) shared by the models. */
    @ArchTest
    static final ArchRule mathDependsOnTheJdkOnly = noClasses()
            .that().resideInAPackage("io.shopsense.math..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.shopsense.math..");

    @ArchTest
    static final ArchRule algorithmsDoNotReachIntoStorageOrFunctions = noClasses()
            .that().resideInAnyPackage("io.shopsense.clean..", "io.shopsense.profile..", "io.shopsense.recommend..",
                    "io.shopsense.ads..", "io.shopsense.assistant..", "io.shopsense.audience..")
            .should().dependOnClassesThat().resideInAnyPackage("io.shopsense.store..", "io.shopsense.runtime..",
                    "io.shopsense.function..", "io.shopsense.local..")
            .allowEmptyShould(true);
}
