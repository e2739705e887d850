package io.shopsense.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The recs benchmark's peer, run by {@link RecsBench} in its own JVM ({@code java -cp}, as Spark wants): Spark MLlib
 * ALS, implicit, {@code local[2]}, on the exact confidence triples our iALS trains on. Times fit and
 * {@code recommendForAllUsers(50)} with its collect (the call is lazy), twice to warm up and then {@code reps} times;
 * writes the last run's top-50 per user and prints one JSON object with the times.
 *
 * <p>Arguments: triples file ({@code user,item,value} lines), output file, rank, iterations, alpha, regParam, reps.
 */
public final class SparkAlsPeer {
    private static final int WARM_UPS = 2;

    private SparkAlsPeer() {
    }

    public static void main(String[] args) throws Exception {
        Path triples = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rank = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        double alpha = Double.parseDouble(args[4]);
        double regParam = Double.parseDouble(args[5]);
        int reps = Integer.parseInt(args[6]);

        long sessionStart = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("shopsense-bench-als")
                .config("spark.ui.enabled", "false")
                // 200 shuffle partitions is a cluster default; on 2 local cores it only adds task overhead
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        double sessionSeconds = (System.nanoTime() - sessionStart) / 1e9;

        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(triples, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(",");
                rows.add(RowFactory.create(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Float.parseFloat(f[2])));
            }
        }
        StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
                .add("rating", DataTypes.FloatType);
        Dataset<Row> data = spark.createDataFrame(rows, schema).cache();
        long count = data.count(); // materialise the cache outside the timings

        ALS als = new ALS().setImplicitPrefs(true).setRank(rank).setMaxIter(iterations).setAlpha(alpha)
                .setRegParam(regParam).setUserCol("user").setItemCol("item").setRatingCol("rating").setSeed(42);
        List<Double> fit = new ArrayList<>();
        List<Double> recommend = new ArrayList<>();
        List<Row> top = null;
        for (int run = 0; run < WARM_UPS + reps; run++) {
            long t0 = System.nanoTime();
            ALSModel model = als.fit(data);
            long t1 = System.nanoTime();
            top = model.recommendForAllUsers(50).collectAsList();
            long t2 = System.nanoTime();
            System.err.printf("bench: spark run %d%s: fit %.2fs, recommend-50 %.2fs%n", run + 1,
                    run < WARM_UPS ? " (warm-up)" : "", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            if (run >= WARM_UPS) {
                fit.add((t1 - t0) / 1e9);
                recommend.add((t2 - t1) / 1e9);
            }
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Row row : top) {
                StringBuilder line = new StringBuilder().append(row.getInt(0));
                for (Row rec : row.<Row>getList(1)) {
                    line.append(' ').append(rec.getInt(0));
                }
                writer.write(line.append('\n').toString());
            }
        }
        spark.stop();
        System.out.printf("{\"sessionSeconds\":%f,\"pairs\":%d,\"fitSeconds\":%s,\"recommendSeconds\":%s}%n",
                sessionSeconds, count, fit, recommend);
    }
}
