package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract for {@code audiences}, on profiles built by {@code profiles} from a fixture. */
class AudiencesCommandTest {
    private static final String FIXTURE = "../functions/build-recommendations/src/test/resources/bucket";

    @TempDir
    Path work;
    private Path profiles;

    @BeforeEach
    void setUp() {
        profiles = work.resolve("profiles.jsonl");
        assertThat(CliRun.of("profiles", "--events", FIXTURE, "--as-of", "2026-11-29", "--out",
                profiles.toString()).exit())
                .isZero();
    }

    @Test
    void writesTheListingAndThreeExportsPerAudience_asTheContractSays() throws Exception {
        Path rules = Files.createDirectories(work.resolve("rules"));
        Files.writeString(rules.resolve("repeat.json"),
                "{\"name\":\"repeat-buyers\",\"where\":{\"field\":\"orders\",\"gte\":2}}");
        Path out = work.resolve("out");

        CliRun run = CliRun.of("audiences", "--profiles", profiles.toString(), "--rules", rules.toString(), "--out",
                out.toString());

        assertThat(run.exit()).isZero();
        JsonNode listing = Output.JSON.readTree(out.resolve("audiences.json").toFile());
        assertThat(listing.isArray()).isTrue();
        assertThat(listing).isNotEmpty().allSatisfy(a -> {
            assertThat(a.fieldNames()).toIterable().containsExactly("name", "definition", "size", "targetable",
                    "exports");
            String name = a.path("name").asText();
            assertThat(a.path("exports").path("ids").asText()).isEqualTo("exports/" + name + "/ids.csv");
            try {
                Path folder = out.resolve("exports").resolve(name);
                assertThat(Files.readAllLines(folder.resolve("ids.csv"))).hasSize(1 + a.path("size").asInt())
                        .first().isEqualTo("customer_id");
                assertThat(Files.readAllLines(folder.resolve("meta.csv")).get(0)).isEqualTo("email");
                assertThat(Files.readAllLines(folder.resolve("google.csv")).get(0)).isEqualTo("Email");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(listing.findValuesAsText("name")).contains("segment-champions", "high-value", "win-back",
                "lookalike-champions", "new-customers", "repeat-buyers");
        assertThat(Output.JSON.readTree(run.stdout()).path("shopAudiences").asInt()).isEqualTo(1);
    }

    @Test
    void aSecondRun_writesIdenticalBytes() throws Exception {
        CliRun.of("audiences", "--profiles", profiles.toString(), "--out", work.resolve("one").toString());
        CliRun.of("audiences", "--profiles", profiles.toString(), "--out", work.resolve("two").toString());

        assertThat(files(work.resolve("two"))).isEqualTo(files(work.resolve("one"))).isNotEmpty();
    }

    @Test
    void anInvalidRuleFile_exits2WithOneLineNamingTheField_andWritesNothing() throws Exception {
        Path rules = Files.createDirectories(work.resolve("bad-rules"));
        Files.writeString(rules.resolve("ok.json"), "{\"name\":\"ok\",\"where\":{\"field\":\"clv\",\"gte\":1}}");
        Files.writeString(rules.resolve("typo.json"), "{\"name\":\"typo\",\"where\":{\"field\":\"cvl\",\"gte\":1}}");
        Path out = work.resolve("never");

        CliRun run = CliRun.of("audiences", "--profiles", profiles.toString(), "--rules", rules.toString(), "--out",
                out.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr().strip()).doesNotContain("\n")
                .contains("typo.json", "where.field: unknown field \"cvl\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFileThatIsNotProfiles_exits2() throws Exception {
        Path junk = Files.writeString(work.resolve("junk.jsonl"), "{\"hello\":\n");

        assertThat(CliRun.of("audiences", "--profiles", junk.toString(), "--out", work.resolve("o").toString()).exit())
                .isEqualTo(2);
    }

    private static Map<String, String> files(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

}
