package io.shopsense.pipeline;

import io.shopsense.clean.CleanReport;
import io.shopsense.store.IngestionLedger;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * load-spark-results' part for a handed-off upload ({@link SparkCleanHandOff}): the Spark clean job has written the
 * rows ({@code clean/…}, whose arrival update-profiles reacts to as always), rejects and event ids where clean-upload
 * writes them; this finishes what clean-upload does after cleaning: the upload's manifest, then its ledger entry.
 */
public final class SparkCleanLoader {
    private final ObjectStore bucket;
    private final IngestionLedger ledger;

    public SparkCleanLoader(ObjectStore bucket, IngestionLedger ledger) {
        this.bucket = bucket;
        this.ledger = ledger;
    }

    /** Publishes the manifest the run wrote under its prefix and records the upload; repeating it changes nothing. */
    public SparkResultLoader.Loaded finish(SparkHandOff.RunRecord run) throws IOException {
        byte[] manifest;
        try (InputStream in = bucket.open(run.outputPrefix() + SparkCleanHandOff.MANIFEST_FILE)) {
            manifest = in.readAllBytes();
        }
        CleanReport report = UploadCleaner.finishCleanedElsewhere(bucket, ledger, manifest);
        int clean = (int) Math.min(Integer.MAX_VALUE, report.rowsClean());
        return new SparkResultLoader.Loaded(run.job(), run.jobRunId(), clean, clean, run.asOf().toString());
    }
}
