package io.shopsense.recommend;

import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Implicit alternating least squares (Hu, Koren and Volinsky 2008, "Collaborative Filtering for Implicit Feedback
 * Datasets") with the conjugate-gradient solver of Takács, Pilászy and Tikk 2011: minimises
 * {@code Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²)} with {@code p_ui = [r_ui > 0]} and
 * {@code c_ui = 1 + α·r_ui}. Each half-step precomputes {@code YᵀY} once, then solves every user (or item) in
 * parallel with a few CG steps warm-started from the previous vector, touching only that row's non-zeros.
 * Deterministic for a given seed: each row's solve reads only the other side's factors.
 */
public final class IalsRecommender implements Recommender {

    /**
     * Hyper-parameters.
     *
     * @param rank           latent dimensions
     * @param iterations     alternating sweeps (one users half-step plus one items half-step each)
     * @param regularization λ
     * @param alpha          α in {@code c_ui = 1 + α·r_ui}
     * @param cgSteps        conjugate-gradient steps per row and half-step (2–4 suffice when warm-started)
     * @param seed           seed of the random item-factor initialisation
     */
    public record Config(int rank, int iterations, double regularization, double alpha, int cgSteps, long seed) {
        public Config {
            if (rank < 1 || iterations < 1 || regularization < 0 || alpha < 0 || cgSteps < 1) {
                throw new IllegalArgumentException("invalid iALS configuration");
            }
        }

        /**
         * The benchmark configuration and the nested search's starting point: rank 64, 10 iterations, λ = 50, α = 1
         * (confidence per purchase line is 4, so c_ui = 1 + 4·lines); {@link NestedSelection} tunes λ, α and the
         * rank per shop.
         */
        public static Config defaults() {
            return new Config(64, 10, 50, 1, 3, 42L);
        }
    }

    private final Config config;

    public IalsRecommender(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "ials";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("rank", config.rank(), "iterations", config.iterations(),
                "regularization", config.regularization(), "alpha", config.alpha(), "cgSteps", config.cgSteps(),
                "seed", config.seed());
    }

    @Override
    public FactorModel fit(InteractionData data) {
        CsrMatrix userItems = data.confidence();
        CsrMatrix itemUsers = userItems.transpose();
        int k = config.rank();
        double[] x = new double[data.userCount() * k];
        double[] y = new double[data.itemCount() * k];
        Random random = new Random(config.seed());
        double scale = 0.1 / Math.sqrt(k);
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian() * scale;
        }
        for (int it = 0; it < config.iterations(); it++) {
            halfStep(userItems, y, x);
            halfStep(itemUsers, x, y);
        }
        return new FactorModel(name(), k, x, y);
    }

    /** Solves every row of {@code rows} for {@code target} given the fixed {@code other} factors. */
    private void halfStep(CsrMatrix rows, double[] other, double[] target) {
        int k = config.rank();
        double[] gram = gram(other, k, config.regularization());
        IntStream.range(0, rows.rows()).parallel().forEach(r -> solveRow(rows, r, other, gram, target));
    }

    /** {@code YᵀY + λI}, row-major k × k. */
    static double[] gram(double[] factors, int k, double lambda) {
        double[] g = new double[k * k];
        int n = factors.length / k;
        for (int i = 0; i < n; i++) {
            int o = i * k;
            for (int a = 0; a < k; a++) {
                double ya = factors[o + a];
                if (ya == 0) {
                    continue;
                }
                int ga = a * k;
                for (int b = 0; b < k; b++) {
                    g[ga + b] += ya * factors[o + b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            g[a * k + a] += lambda;
        }
        return g;
    }

    /**
     * Conjugate gradient on {@code (YᵀY + λI + Σ_{i∈I_u} (c_ui − 1) y_i y_iᵀ) x_u = Σ_{i∈I_u} c_ui y_i}, starting at the
     * current {@code x_u}.
     */
    private void solveRow(CsrMatrix rows, int r, double[] y, double[] gram, double[] target) {
        int k = config.rank();
        int start = rows.rowStart(r);
        int end = rows.rowEnd(r);
        int off = r * k;
        double[] x = new double[k];
        System.arraycopy(target, off, x, 0, k);
        double[] res = new double[k];
        double[] ap = new double[k];
        // residual b − A·x
        multiply(rows, start, end, y, gram, x, ap);
        for (int p = start; p < end; p++) {
            double c = 1 + config.alpha() * rows.value(p);
            int io = rows.col(p) * k;
            for (int f = 0; f < k; f++) {
                res[f] += c * y[io + f];
            }
        }
        for (int f = 0; f < k; f++) {
            res[f] -= ap[f];
        }
        double[] dir = res.clone();
        double rsOld = dot(res, res);
        for (int step = 0; step < config.cgSteps() && rsOld > 1e-20; step++) {
            multiply(rows, start, end, y, gram, dir, ap);
            double pAp = dot(dir, ap);
            if (pAp <= 0) {
                break;
            }
            double a = rsOld / pAp;
            for (int f = 0; f < k; f++) {
                x[f] += a * dir[f];
                res[f] -= a * ap[f];
            }
            double rsNew = dot(res, res);
            double beta = rsNew / rsOld;
            for (int f = 0; f < k; f++) {
                dir[f] = res[f] + beta * dir[f];
            }
            rsOld = rsNew;
        }
        System.arraycopy(x, 0, target, off, k);
    }

    /** {@code out = (YᵀY + λI)·v + Σ_{i∈I_u} (c_ui − 1)(y_i·v) y_i}. */
    private void multiply(CsrMatrix rows, int start, int end, double[] y, double[] gram, double[] v, double[] out) {
        int k = v.length;
        for (int a = 0; a < k; a++) {
            double s = 0;
            int ga = a * k;
            for (int b = 0; b < k; b++) {
                s += gram[ga + b] * v[b];
            }
            out[a] = s;
        }
        for (int p = start; p < end; p++) {
            double cMinus1 = config.alpha() * rows.value(p);
            int io = rows.col(p) * k;
            double yv = 0;
            for (int f = 0; f < k; f++) {
                yv += y[io + f] * v[f];
            }
            double w = cMinus1 * yv;
            for (int f = 0; f < k; f++) {
                out[f] += w * y[io + f];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }
}
