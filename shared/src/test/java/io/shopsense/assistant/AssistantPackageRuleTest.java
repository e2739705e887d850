package io.shopsense.assistant;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * docs/architecture.md §2: the assistant is plain Java over the model, so it runs in a Lambda, the CLI or a batch job
 * alike; its one library is Lucene's analysis (the Chinese word segmenter), which needs no service either.
 */
class AssistantPackageRuleTest {

    @Test
    void assistant_dependsOnlyOnTheJdkAndTheModel() {
        JavaClasses assistant = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopsense.assistant");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.shopsense.model..", "io.shopsense.assistant..",
                        "org.apache.lucene.analysis..")
                .check(assistant);
    }
}
