package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanReport;
import io.shopsense.clean.UploadManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
            UploadManifest manifest = UploadManifest.read(Files.readAllBytes(Path.of(args[3]).resolve("manifest.json")));
            CleanReport report = manifest.report();
            assertThat(manifest.kind()).isEqualTo("reviews");
            assertThat(manifest.itemsCheckedAgainstCatalogue()).isFalse();   // none in DIR
            assertThat(report.format()).isEqualTo("reviews");
            assertThat(report.rowsIn()).isEqualTo(4);
            assertThat(report.rowsClean()).isEqualTo(2);
            assertThat(report.rejectsByReason()).containsOnly(Map.entry("DUPLICATE", 1L), Map.entry("BAD_RATING", 1L));
            assertThat(Files.readAllLines(Path.of(args[3]).resolve("rejects.jsonl"))).hasSize(2);
        }
    }

}
