package io.shopsense.jobs;

import io.shopsense.recommend.CsrMatrix;
import io.shopsense.recommend.FactorModel;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Implicit ALS (Hu, Koren and Volinsky 2008) trained by Spark MLlib on the executors: the recommender for a matrix past
 * what one machine trains in time (docs/architecture.md §7). Its factors come back in the indices of the
 * {@link InteractionData}, wrapped as the project's {@link FactorModel}, so top-N, the repeat policy, reasons and
 * similar items stay the project's own code.
 */
final class SparkAlsRecommender implements Recommender {
    /** Rank, iterations and α as the project's iALS defaults; λ is MLlib's (scaled by each row's count, ALS-WR). */
    record Settings(int rank, int iterations, double regParam, double alpha, long seed) {
        static final Settings DEFAULTS = new Settings(64, 10, 0.1, 1.0, 42L);
    }

    private static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("confidence", DataTypes.FloatType, false);

    private final SparkSession spark;
    private final Settings settings;

    SparkAlsRecommender(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "spark-als";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("rank", settings.rank(), "iterations", settings.iterations(), "regParam", settings.regParam(),
                "alpha", settings.alpha());
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        CsrMatrix confidence = data.confidence();
        List<Row> triples = new ArrayList<>(confidence.nnz());
        for (int u = 0; u < confidence.rows(); u++) {
            for (int p = confidence.rowStart(u); p < confidence.rowEnd(u); p++) {
                triples.add(RowFactory.create(u, confidence.col(p), confidence.value(p)));
            }
        }
        Dataset<Row> ratings = spark.createDataFrame(triples, SCHEMA)
                .repartition(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
        ALSModel model = new ALS().setImplicitPrefs(true).setRank(settings.rank()).setMaxIter(settings.iterations())
                .setRegParam(settings.regParam()).setAlpha(settings.alpha()).setSeed(settings.seed())
                .setUserCol("user").setItemCol("item").setRatingCol("confidence")
                .setColdStartStrategy("drop").fit(ratings);
        int rank = model.rank();
        return new FactorModel(name(), rank, factors(model.userFactors(), data.userCount(), rank),
                factors(model.itemFactors(), data.itemCount(), rank));
    }

    /** Rows {@code (id, features)} into a row-major array; ids MLlib never saw (no interactions) stay zero. */
    private static double[] factors(Dataset<Row> rows, int count, int rank) {
        double[] out = new double[count * rank];
        for (Row row : rows.collectAsList()) {
            int id = row.getInt(0);
            List<Float> features = row.getList(1);
            for (int f = 0; f < rank; f++) {
                out[id * rank + f] = features.get(f);
            }
        }
        return out;
    }
}
