package io.shopsense.jobs;

import io.shopsense.runtime.Environment;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job: the cluster's when spark-submit or EMR Serverless set {@code spark.master}, else local
 * mode on this machine ({@code ./shopsense spark}, the tests) over local files. With an S3 endpoint in the
 * environment ({@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}, as the SDK reads them: the local cloud's
 * S3Proxy) {@code s3a://} paths go there, path-style, with the keys in {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} (S3A's default credential chain reads them).
 */
final class Sessions {
    private Sessions() {
    }

    static SparkSession open(String job) {
        SparkSession.Builder builder = SparkSession.builder().appName("shopsense-" + job);
        if (System.getProperty("spark.master") == null) {
            builder.master(Environment.process().getOrDefault("SHOPSENSE_SPARK_MASTER", "local[*]"))
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    // the default 200 partitions cost more in task start-up than a laptop-sized shop costs to process
                    .config("spark.sql.shuffle.partitions", "8")
                    .config("spark.default.parallelism", "8");
        }
        Environment env = Environment.process();
        String endpoint = env.optional("AWS_ENDPOINT_URL_S3").or(() -> env.optional("AWS_ENDPOINT_URL")).orElse(null);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.config("spark.hadoop.fs.s3a.endpoint", endpoint)
                    .config("spark.hadoop.fs.s3a.path.style.access", "true")
                    .config("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(
                            endpoint.startsWith("https:")))
                    // S3Proxy answers S3A's unquoted copy-source-if-match on a large rename with 412
                    .config("spark.hadoop.fs.s3a.change.detection.mode", "warn")
                    .config("spark.hadoop.fs.s3a.directory.marker.retention", "keep");
            env.optional("AWS_REGION").filter(region -> !region.isBlank())
                    .ifPresent(region -> builder.config("spark.hadoop.fs.s3a.endpoint.region", region));
        }
        return builder.getOrCreate();
    }

    /**
     * The Secrets Manager endpoint the environment names ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}: the local cloud's
     * stand-in), for {@link JobSecrets}; empty on EMR, where the SDK finds the region's own.
     */
    static java.util.Optional<java.net.URI> secretsEndpoint() {
        return Environment.process().optional("AWS_ENDPOINT_URL_SECRETS_MANAGER").filter(url -> !url.isBlank())
                .map(java.net.URI::create);
    }
}
