package io.shopsense.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.local.template.Specs.FunctionSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTemplateTest {
    private static final Path TEST_TEMPLATE = Path.of("src/test/resources/test-template.yaml");

    @Test
    void shortTags_areReadAndEvaluated() throws Exception {
        StackTemplate template = StackTemplate.load(TEST_TEMPLATE, "demo", Map.of());

        assertThat(template.buckets()).extracting(Specs.BucketSpec::name).containsExactly("demo-data-000000000000");
        FunctionSpec record = template.function("RecordFunction").orElseThrow();
        assertThat(record.environment()).containsEntry("EVENTS_TABLE", "demo-events")
                .containsEntry("STAGE_LABEL", "stage-test");
        assertThat(record.memoryMb()).isEqualTo(512);
        assertThat(record.s3Triggers()).singleElement().satisfies(t -> {
            assertThat(t.bucket()).isEqualTo("demo-data-000000000000");
            assertThat(t.prefix()).isEqualTo("incoming/");
        });
    }

    @Test
    void conditions_followParameterOverrides() throws Exception {
        StackTemplate prod = StackTemplate.load(TEST_TEMPLATE, "demo", Map.of("Stage", "prod"));
        assertThat(prod.function("EchoFunction").orElseThrow().environment()).containsEntry("STAGE_LABEL", "production");
    }

    @Test
    void functionProperties_overrideGlobals_andEventsAreRead() throws Exception {
        FunctionSpec echo = StackTemplate.load(TEST_TEMPLATE, "demo", Map.of()).function("EchoFunction").orElseThrow();
        assertThat(echo.memoryMb()).isEqualTo(256);
        assertThat(echo.timeoutSeconds()).isEqualTo(30);
        assertThat(echo.routes()).extracting(r -> r.method() + " " + r.path() + " " + r.authorized())
                .containsExactly("GET /things/{id} true", "POST /things/{id} true", "GET /health false");
        assertThat(echo.schedules()).singleElement().satisfies(s -> assertThat(s.expression()).isEqualTo("cron(0 3 * * ? *)"));
    }

    @Test
    void tables_keepKeysIndexesAndTtl() throws Exception {
        Specs.TableSpec table = StackTemplate.load(TEST_TEMPLATE, "demo", Map.of()).tables().get(0);
        assertThat(table.name()).isEqualTo("demo-events");
        assertThat(table.indexes()).singleElement().satisfies(i -> assertThat(i.keys()).extracting(Specs.KeyAttribute::name)
                .containsExactly("bucket"));
        assertThat(table.ttlAttribute()).contains("expiresAt");
    }

    @Test
    void s3Trigger_matchesEventNamePrefixAndSuffix() {
        Specs.S3Trigger trigger = new Specs.S3Trigger("e", "b", java.util.List.of("s3:ObjectCreated:*"), "raw/", ".csv");
        assertThat(trigger.matches("b", "s3:ObjectCreated:Put", "raw/x.csv")).isTrue();
        assertThat(trigger.matches("b", "s3:ObjectRemoved:Delete", "raw/x.csv")).isFalse();
        assertThat(trigger.matches("b", "s3:ObjectCreated:Put", "clean/x.csv")).isFalse();
        assertThat(trigger.matches("other", "s3:ObjectCreated:Put", "raw/x.csv")).isFalse();
        assertThat(trigger.matches("b", "s3:ObjectCreated:Put", "raw/x.json")).isFalse();
    }

    @Test
    void unknownParameterOverride_isAnError() {
        assertThatThrownBy(() -> StackTemplate.load(TEST_TEMPLATE, "demo", Map.of("Nope", "1")))
                .hasMessageContaining("no parameter named Nope");
    }
}
