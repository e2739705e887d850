package io.shopsense.math;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimiser (Nelder and Mead 1965, with the standard reflection, expansion, contraction and shrink
 * coefficients 1, 2, ½, ½). It restarts from a fresh simplex around the best point until a restart no longer improves
 * the value, which guards against the simplex collapsing early on long, curved valleys.
 */
public final class NelderMead {

    /** What the minimiser found. */
    public record Result(double[] point, double value, int evaluations, int restarts) {
    }

    private final double initialStep;
    private final double tolerance;
    private final int maxEvaluations;
    private final int maxRestarts;

    /**
     * @param initialStep    edge length of each starting simplex (in the units of the parameters)
     * @param tolerance      stop when the spread of values and the simplex size fall below this
     * @param maxEvaluations cap on function evaluations per run
     * @param maxRestarts    cap on restarts
     */
    public NelderMead(double initialStep, double tolerance, int maxEvaluations, int maxRestarts) {
        this.initialStep = initialStep;
        this.tolerance = tolerance;
        this.maxEvaluations = maxEvaluations;
        this.maxRestarts = maxRestarts;
    }

    /** Defaults suited to the lifetime models fitted on log-parameters. */
    public static NelderMead forLogParameters() {
        return new NelderMead(0.5, 1e-10, 20_000, 20);
    }

    /** Minimises {@code f} from {@code start}; non-finite values are treated as +∞ (outside the domain). */
    public Result minimize(ToDoubleFunction<double[]> f, double[] start) {
        ToDoubleFunction<double[]> safe = p -> {
            double v = f.applyAsDouble(p);
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        };
        Result best = run(safe, start.clone(), initialStep);
        int evaluations = best.evaluations();
        int restarts = 0;
        while (restarts < maxRestarts) {
            Result next = run(safe, best.point(), initialStep / 4);
            evaluations += next.evaluations();
            restarts++;
            boolean improved = next.value() < best.value() - tolerance * (1 + Math.abs(best.value()));
            if (next.value() < best.value()) {
                best = next;
            }
            if (!improved) {
                break;
            }
        }
        return new Result(best.point(), best.value(), evaluations, restarts);
    }

    private Result run(ToDoubleFunction<double[]> f, double[] start, double step) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        values[0] = f.applyAsDouble(simplex[0]);
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step;
            values[i + 1] = f.applyAsDouble(simplex[i + 1]);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        double[] centroid = new double[n];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
            int best = order[0];
            int worst = order[n];
            int secondWorst = order[n - 1];
            if (converged(simplex, values, best, worst)) {
                break;
            }
            Arrays.fill(centroid, 0);
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int k = 0; k < n; k++) {
                        centroid[k] += simplex[i][k] / n;
                    }
                }
            }
            double[] reflected = along(centroid, simplex[worst], -1);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[best]) {
                double[] expanded = along(centroid, simplex[worst], -2);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                replace(simplex, values, worst, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < values[secondWorst]) {
                replace(simplex, values, worst, reflected, fr);
            } else {
                boolean outside = fr < values[worst];
                double[] contracted = along(centroid, simplex[worst], outside ? -0.5 : 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, values[worst])) {
                    replace(simplex, values, worst, contracted, fc);
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            for (int k = 0; k < n; k++) {
                                simplex[i][k] = simplex[best][k] + 0.5 * (simplex[i][k] - simplex[best][k]);
                            }
                            values[i] = f.applyAsDouble(simplex[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return new Result(simplex[best].clone(), values[best], evaluations, 0);
    }

    private boolean converged(double[][] simplex, double[] values, int best, int worst) {
        double spread = Math.abs(values[worst] - values[best]);
        if (!(spread <= tolerance * (1 + Math.abs(values[best])))) {
            return false;
        }
        double size = 0;
        for (double[] vertex : simplex) {
            for (int k = 0; k < vertex.length; k++) {
                size = Math.max(size, Math.abs(vertex[k] - simplex[best][k]));
            }
        }
        return size <= Math.sqrt(tolerance);
    }

    /** centroid + coefficient × (point − centroid). */
    private static double[] along(double[] centroid, double[] point, double coefficient) {
        double[] out = new double[centroid.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = centroid[k] + coefficient * (point[k] - centroid[k]);
        }
        return out;
    }

    private static void replace(double[][] simplex, double[] values, int index, double[] point, double value) {
        simplex[index] = point;
        values[index] = value;
    }
}
