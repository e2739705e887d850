package io.shopsense.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.trim;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.model.Review;
import io.shopsense.pipeline.ReviewRows;
import io.shopsense.pipeline.TrainingData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The canonical rows under a bucket layout ({@code ROOT/clean/events/dt=…/*.jsonl(.gz)}, a local directory written by
 * {@code ./shopsense clean --out} or an {@code s3a://bucket} root), read in parallel, one partition per file split.
 */
final class CleanEvents {
    private CleanEvents() {
    }

    /** Every non-blank event line with its file and position (positions increase along a file). */
    static JavaRDD<EventLine> lines(SparkSession spark, String root, String prefix) {
        Dataset<Row> text = spark.read().text(glob(root, prefix))
                .where(length(trim(col("value"))).gt(0))
                .select(input_file_name().as("file"), monotonically_increasing_id().as("position"), col("value"));
        return text.javaRDD().map(r -> new EventLine(r.getString(0), r.getLong(1), r.getString(2)));
    }

    /** Event lines keyed by customer (anonymous events are dropped: no profile or list is built from them). */
    static JavaPairRDD<String, EventLine> byCustomer(JavaRDD<EventLine> lines) {
        return lines.mapPartitionsToPair(part -> {
            List<Tuple2<String, EventLine>> out = new ArrayList<>();
            while (part.hasNext()) {
                EventLine line = part.next();
                Event event = CanonicalJson.readEvent(line.json());
                if (!event.isAnonymous()) {
                    out.add(new Tuple2<>(event.userId(), line));
                }
            }
            return out.iterator();
        });
    }

    /**
     * One customer's events in read order, each live event once (a retried live event is re-published with the same
     * eventId, as {@link TrainingData#read} allows for).
     */
    static List<Event> inReadOrder(Iterable<EventLine> lines) {
        List<EventLine> sorted = new ArrayList<>();
        lines.forEach(sorted::add);
        java.util.Collections.sort(sorted);
        Set<String> liveIds = new HashSet<>();
        List<Event> events = new ArrayList<>(sorted.size());
        for (EventLine line : sorted) {
            Event event = CanonicalJson.readEvent(line.json());
            if (event.sourceId() != null || liveIds.add(event.eventId())) {
                events.add(event);
            }
        }
        return events;
    }

    /** The catalogue under the root, the latest row per item (as {@link TrainingData#read}); small, so collected. */
    static List<Item> catalogue(SparkSession spark, String root) {
        if (!exists(spark, root, TrainingData.CATALOG_PREFIX)) {
            return List.of();
        }
        List<EventLine> rows = new ArrayList<>(lines(spark, root, TrainingData.CATALOG_PREFIX).collect());
        java.util.Collections.sort(rows);
        Map<String, Item> latest = new LinkedHashMap<>();
        for (EventLine row : rows) {
            Item item = CanonicalJson.readItem(row.json());
            latest.put(item.itemId(), item);
        }
        return new ArrayList<>(latest.values());
    }

    /** The shop's reviews under the root in read order (as {@link io.shopsense.pipeline.ReviewRows#read}); collected. */
    static List<Review> reviews(SparkSession spark, String root) {
        if (!exists(spark, root, ReviewRows.PREFIX)) {
            return List.of();
        }
        List<EventLine> rows = new ArrayList<>(lines(spark, root, ReviewRows.PREFIX).collect());
        java.util.Collections.sort(rows);
        return rows.stream().map(row -> CanonicalJson.readReview(row.json())).toList();
    }

    static boolean exists(SparkSession spark, String root, String prefix) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(strip(root) + "/" + prefix);
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot look at " + root, e);
        }
    }

    /** {@code ROOT/clean/events/dt=…/*.jsonl.gz} and {@code *.jsonl}, as {@link TrainingData#cleanObjects} lists. */
    private static String glob(String root, String prefix) {
        return strip(root) + "/" + prefix + "*/*.{jsonl,jsonl.gz}";
    }

    private static String strip(String root) {
        return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }
}
