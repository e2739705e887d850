package io.shopsense.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.StackTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cold-start benchmark's baseline is a bare handler of the same trigger: it decodes the function's own event into
 * the function's own input type and builds the clients the function's policies name; the jar bar is decimal.
 */
class ColdStartBaselineTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static StackTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = StackTemplate.load(ROOT.resolve("template.yaml"), "shopsense", Map.of());
    }

    @Test
    void baselineClients_areTheServicesThePoliciesGrant() {
        assertThat(FunctionClients.of(function("RebuildProfilesFunction"))).containsExactly("s3", "dynamodb");
        assertThat(FunctionClients.of(function("MarketingApiFunction")))
                .containsExactly("s3", "dynamodb", "secretsmanager");
        assertThat(FunctionClients.of(function("OptimizeAdsFunction"))).doesNotContain("secretsmanager");
    }

    @Test
    void baselineClients_readActionsAtAnyDepthAndIgnoreOtherServices() {
        FunctionSpec spec = new FunctionSpec("F", "f", "h", "f.jar", 128, 3, Map.of(), List.of(), List.of(),
                List.of(), List.of(Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Action", List.of("DynamoDB:GetItem"), "Resource", "t"),
                        Map.of("Effect", "Allow", "Action", "emr-serverless:StartJobRun", "Resource", "s3:fake")))),
                0, List.of());

        assertThat(FunctionClients.of(spec)).containsExactly("dynamodb");
    }

    @Test
    void bareHandler_decodesTheFunctionsEventIntoItsInputType() throws Exception {
        Class<?> marketingApi = Class.forName(function("MarketingApiFunction").handler().split("::")[0]);
        Class<?> rebuild = Class.forName(function("RebuildProfilesFunction").handler().split("::")[0]);

        Object http = ColdStartProbe.decode(ColdStartProbe.inputType(marketingApi),
                ROOT.resolve("events/http-get-recommendations.json"));
        Object nightly = ColdStartProbe.decode(ColdStartProbe.inputType(rebuild),
                ROOT.resolve("events/scheduled-nightly.json"));

        assertThat(http).isInstanceOfSatisfying(APIGatewayV2HTTPEvent.class,
                e -> assertThat(e.getRawPath()).isEqualTo("/users/12347/recommendations"));
        assertThat(nightly).isInstanceOfSatisfying(ScheduledEvent.class,
                e -> assertThat(e.getDetailType()).isEqualTo("Scheduled Event"));
    }

    @Test
    void jarBudget_isTwentyDecimalMegabytes() {
        assertThat(JarBudget.withinGoal(20_000_000L)).isTrue();
        assertThat(JarBudget.withinGoal(20_000_001L)).isFalse();
        // 19.73 MiB, the size two jars had: under 20 MiB, over 20 MB.
        assertThat(JarBudget.withinGoal(20_759_642L)).isFalse();
        assertThat(JarBudget.megabytes(20_759_642L)).isEqualTo(20.76);
    }

    private static FunctionSpec function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
