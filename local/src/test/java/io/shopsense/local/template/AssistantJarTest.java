package io.shopsense.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The assistant's shaded jar keeps only part of Lucene (its pom's shade filters, for size): loaded alone, as Lambda
 * loads it, it must still segment Chinese, which would otherwise fail only on a shopper's first Chinese question.
 */
class AssistantJarTest {
    private static final Path JAR = Path.of("../functions/assistant/target/assistant.jar");

    @Test
    void theShadedJarAlone_segmentsChinese() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "functions/assistant is not packaged yet (run with -am package)");
        try (URLClassLoader alone = new URLClassLoader(new URL[]{JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> tokeniser = alone.loadClass("io.shopsense.assistant.Tokeniser");
            Object instance = tokeniser.getConstructor().newInstance();

            Object terms = tokeniser.getMethod("tokens", String.class).invoke(instance, "你们的退货标签是什么？");

            assertThat(terms).isEqualTo(List.of("退货", "标签"));
        }
    }
}
