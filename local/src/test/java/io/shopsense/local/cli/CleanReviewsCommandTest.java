package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract for review exports (issue #17): {@code clean FILE --out DIR} reconciles them. */
class CleanReviewsCommandTest {
    @TempDir
    Path work;

    @Test
    void clean_aReviewsExport_reconcilesItInTheManifest_detectedOrForced() throws Exception {
        Path file = work.resolve("my-reviews.csv");
        Files.writeString(file, "customer,sku,stars,title,review,date\n"
                + "17850,85123A,5,Lovely,Holds heat,2011-01-02\n"
                + "17850,85123A,5,Lovely,Holds heat,2011-01-02\n"
                + "13047,71053,0,Meh,,2011-01-03\n"
                + "王小明,陶瓷杯子,2,太小了,杯子太小了,2011-01-04\n");

        for (String[] args : new String[][] {
                {"clean", file.toString(), "--out", work.resolve("detected").toString()},
                {"clean", file.toString(), "--out", work.resolve("forced").toString(), "--format", "reviews"}}) {
            CliRun run = CliRun.of(args);

            assertThat(run.exit()).as(run.stderr()).isZero();
            JsonNode manifest = Output.JSON.readTree(Path.of(args[3]).resolve("manifest.json").toFile());
            JsonNode report = manifest.path("report");
            assertThat(manifest.path("kind").asText()).isEqualTo("reviews");
            assertThat(manifest.path("itemsCheckedAgainstCatalogue").asBoolean()).isFalse();   // none in DIR
            assertThat(report.path("format").asText()).isEqualTo("reviews");
            assertThat(report.path("rowsIn").asLong()).isEqualTo(4);
            assertThat(report.path("rowsClean").asLong()).isEqualTo(2);
            assertThat(report.at("/rejectsByReason/DUPLICATE").asLong()).isEqualTo(1);
            assertThat(report.at("/rejectsByReason/BAD_RATING").asLong()).isEqualTo(1);
            assertThat(Files.readAllLines(Path.of(args[3]).resolve("rejects.jsonl"))).hasSize(2);
        }
    }

}
