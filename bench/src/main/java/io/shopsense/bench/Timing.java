package io.shopsense.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** Wall-clock timing of one run, and medians over repeated runs. */
final class Timing {
    private Timing() {
    }

    /** Seconds taken by {@code run}, and its answer. */
    record Timed<T>(double seconds, T value) {
    }

    static <T> Timed<T> time(Callable<T> run) throws Exception {
        long start = System.nanoTime();
        T value = run.call();
        return new Timed<>((System.nanoTime() - start) / 1e9, value);
    }

    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Progress for the human watching: stderr, so stdout stays one JSON object per line. */
    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
