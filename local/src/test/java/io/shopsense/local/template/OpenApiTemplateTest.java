package io.shopsense.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.Specs.HttpRoute;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code openapi.yaml} and the template's {@code HttpApi} routes in agreement: every route is documented with
 * the same method and path, nothing is documented that the template does not serve, open routes
 * ({@code Authorizer: NONE}) are exactly those documented with {@code security: []}, and every documented answer
 * that is an error uses the {@code {error, message}} schema.
 */
class OpenApiTemplateTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static StackTemplate template;
    private static Map<String, Object> openApi;

    @BeforeAll
    static void load() throws IOException {
        template = StackTemplate.load(ROOT.resolve("template.yaml"), "shopsense", Map.of());
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("openapi.yaml"))) {
            openApi = new Yaml(new LoaderOptions()).load(reader);
        }
    }

    @Test
    void everyTemplateRoute_isDocumented_andEveryDocumentedRoute_isInTheTemplate() {
        assertThat(documented(false)).isEqualTo(served(false));
    }

    @Test
    void openRoutes_areExactlyThoseDocumentedWithoutSecurity() {
        assertThat(documented(true)).isEqualTo(served(true));
        assertThat(served(true)).isNotEmpty().allMatch(route -> route.startsWith("GET /dashboard"));
    }

    @Test
    void backOfficeRoutes_areExactlyThoseDocumentingA403() {
        Set<String> backOffice = new TreeSet<>();
        for (FunctionSpec function : template.functions()) {
            for (HttpRoute route : function.routes()) {
                if (route.authorized() && !route.scopes().contains("storefront")) {
                    backOffice.add(route.method().toUpperCase(Locale.ROOT) + " " + route.path());
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        operations().forEach((route, operation) -> {
            if (((Map<?, ?>) operation.get("responses")).containsKey("403")) {
                documented.add(route);
            }
        });
        assertThat(documented).isNotEmpty().isEqualTo(backOffice);
    }

    @Test
    void theApiRequiresABearerToken_andErrorsUseTheErrorSchema() {
        assertThat(String.valueOf(openApi.get("openapi"))).startsWith("3.");
        assertThat(String.valueOf(openApi.get("security"))).contains("bearer");
        Map<?, ?> schemes = (Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("securitySchemes");
        assertThat(String.valueOf(schemes.get("bearer"))).contains("scheme=bearer");
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas")).get("Error");
        assertThat(String.valueOf(error.get("required"))).isEqualTo("[error, message]");
        operations().forEach((route, operation) -> ((Map<?, ?>) operation.get("responses")).forEach((status, answer) -> {
            if (String.valueOf(status).startsWith("4") || String.valueOf(status).startsWith("5")) {
                assertThat(String.valueOf(answer)).as(route + " " + status)
                        .containsAnyOf("#/components/responses/", "#/components/schemas/Error");
            }
        }));
    }

    @Test
    void adResultRows_documentTheOptionalAudience_thePlannerPlansBy() {
        Map<?, ?> row = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas"))
                .get("AdResultRow");
        assertThat(((Map<?, ?>) row.get("properties")).keySet()).map(String::valueOf).contains("date", "hour",
                "channel", "impressions", "clicks", "conversions", "spend", "revenue", "audience");
        assertThat((List<?>) row.get("required")).map(String::valueOf)
                .doesNotContain("audience"); // rows without one keep their meaning
        Map<?, ?> allocation = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas"))
                .get("AdAllocation");
        assertThat(((Map<?, ?>) allocation.get("properties")).keySet()).map(String::valueOf).contains("audience");
    }

    @Test
    void recommendedItems_documentTheCataloguesNameAndPrice() {
        Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas");
        Map<?, ?> item = (Map<?, ?>) schemas.get("RecommendedItem");
        Map<?, ?> properties = (Map<?, ?>) item.get("properties");
        assertThat(String.valueOf(item.get("required"))).isEqualTo("[itemId, name]");
        assertThat(((Map<?, ?>) properties.get("name")).get("nullable")).isEqualTo(true);
        assertThat(((Map<?, ?>) properties.get("price")).get("type")).isEqualTo("number");
        assertThat(String.valueOf(openApi)).contains("#/components/schemas/RecommendedItem");
    }

    @Test
    void theDocumentedIdSchema_agreesWithTheOneIdRule() {
        Map<?, ?> id = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas")).get("Id");
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(String.valueOf(id.get("pattern")));
        int maxLength = ((Number) id.get("maxLength")).intValue();
        assertThat(maxLength).isEqualTo(io.shopsense.model.Ids.MAX_LENGTH);
        // NFC is the one part of the rule a pattern cannot say (the schema's description says it)
        for (String sample : List.of("17850", "85123A", "BANK CHARGES", "e_0123abcd", "SKU-12_b.3", "ann.lee@shop:7",
                "王小明", "मोहन", "a b c", "", " a", "a ", "a  b", "a/b", "a#b", "a?b", "a,b", ".", "..", "_a", "=cmd",
                "-5", "@x", "a\r\nb", "u\u200b1", "u\u202e1", "x".repeat(128), "x".repeat(129))) {
            boolean documented = pattern.matcher(sample).matches()
                    && sample.codePointCount(0, sample.length()) <= maxLength;
            assertThat(documented).as("'" + sample + "'").isEqualTo(io.shopsense.model.Ids.isValid(sample));
        }
    }

    // --- reviews (issue #17) ---
    @Test
    void theRatingSummary_isDocumentedAsTheApiWritesIt_onSimilarItemsAndTheProfile() {
        Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) openApi.get("components")).get("schemas");
        Set<String> fields = java.util.Arrays.stream(io.shopsense.model.RatingSummary.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(java.util.stream.Collectors.toSet());
        Map<?, ?> summary = (Map<?, ?>) schemas.get("RatingSummary");
        assertThat(((Map<?, ?>) summary.get("properties")).keySet()).isEqualTo(fields);
        assertThat(new TreeSet<>((List<?>) summary.get("required")).stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrderElementsOf(fields);
        Map<?, ?> similar = operations().get("GET /items/{id}/similar");
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) similar.get("responses"))
                .get("200")).get("content")).get("application/json")).get("schema");
        assertThat(((Map<?, ?>) ((Map<?, ?>) schema.get("properties")).get("rating")).get("$ref"))
                .isEqualTo("#/components/schemas/RatingSummary");
        Map<?, ?> profile = (Map<?, ?>) ((Map<?, ?>) schemas.get("Profile")).get("properties");
        for (String field : List.of("ratingsGiven", "averageRatingGiven")) {
            assertThat(profile.keySet()).map(String::valueOf).contains(field);
            assertThat(io.shopsense.model.Profile.class.getRecordComponents())
                    .extracting(java.lang.reflect.RecordComponent::getName).contains(field);
        }
    }

    /** "METHOD /path" of every template route; only the open ones when {@code openOnly}. */
    private static Set<String> served(boolean openOnly) {
        Set<String> routes = new TreeSet<>();
        for (FunctionSpec function : template.functions()) {
            for (HttpRoute route : function.routes()) {
                if (!openOnly || !route.authorized()) {
                    routes.add(route.method().toUpperCase(Locale.ROOT) + " " + route.path());
                }
            }
        }
        return routes;
    }

    /** "METHOD /path" of every documented operation; only those with {@code security: []} when {@code openOnly}. */
    private static Set<String> documented(boolean openOnly) {
        Set<String> routes = new TreeSet<>();
        operations().forEach((route, operation) -> {
            Object security = operation.get("security");
            boolean open = security instanceof List<?> list && list.isEmpty();
            if (!openOnly || open) {
                routes.add(route);
            }
        });
        return routes;
    }

    private static Map<String, Map<?, ?>> operations() {
        Map<String, Map<?, ?>> operations = new java.util.TreeMap<>();
        ((Map<?, ?>) openApi.get("paths")).forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            if (METHODS.contains(String.valueOf(method))) {
                operations.put(String.valueOf(method).toUpperCase(Locale.ROOT) + " " + path, (Map<?, ?>) operation);
            }
        }));
        return operations;
    }
}
