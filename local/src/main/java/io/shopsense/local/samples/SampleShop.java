package io.shopsense.local.samples;

import io.shopsense.pipeline.Layout;
import io.shopsense.local.cloud.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A small shop in a local cloud, for the API's tests and benchmarks: the first rows of the Online Retail sample and
 * the FAQ uploaded (cleaned and folded into profiles by their S3 triggers), then the nightly profile rebuild and
 * recommendation build, so every read route has data behind it.
 */
public final class SampleShop {
    private SampleShop() {
    }

    /**
     * @param home      the project root (samples/, events/)
     * @param ordersKey where the orders slice is uploaded
     * @param rows      how many order lines of the sample (header not counted)
     */
    public static void open(LocalCloud cloud, Path home, String ordersKey, int rows) throws Exception {
        try (S3Client s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(ordersKey), RequestBody.fromBytes(
                    SampleSlice.firstLines(home.resolve("samples/online-retail-sample.csv.gz"), rows + 1)));
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(Layout.RAW_FAQ + "faq.md"),
                    RequestBody.fromFile(home.resolve("samples/faq.md")));
        }
        cloud.awaitIdle(Duration.ofMinutes(10));
        String nightly = Files.readString(home.resolve("events/scheduled-nightly.json"));
        cloud.functions().invoke("RebuildProfilesFunction", nightly);
        cloud.functions().invoke("BuildRecommendationsFunction", nightly);
    }
}
