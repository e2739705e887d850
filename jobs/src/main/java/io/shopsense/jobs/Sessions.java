package io.shopsense.jobs;

import io.shopsense.runtime.Environment;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job: the cluster's when spark-submit or EMR Serverless set {@code spark.master}, else local
 * mode on this machine ({@code ./shopsense spark}, the tests) over local files.
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
        return builder.getOrCreate();
    }
}
