package io.shopsense.recommend;

import java.util.Arrays;

/** Selection of the {@code n} best-scoring items with a bounded min-heap on primitive arrays: O(items · log n). */
public final class TopN {
    private TopN() {
    }

    /**
     * Indices of the {@code n} highest scores, best first; ties go to the lower index so results are deterministic.
     * Items with {@code excluded[i]} true (when {@code excluded} is not null) or a non-finite score are skipped.
     */
    public static int[] select(double[] scores, boolean[] excluded, int n) {
        int[] heap = new int[Math.max(0, n)];
        int size = 0;
        for (int i = 0; i < scores.length && n > 0; i++) {
            if ((excluded != null && excluded[i]) || !Double.isFinite(scores[i])) {
                continue;
            }
            if (size < n) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = Arrays.copyOf(heap, size);
        // heap-sort in place: repeatedly move the worst to the end
        for (int end = size - 1; end > 0; end--) {
            int worst = out[0];
            out[0] = out[end];
            out[end] = worst;
            siftDown(out, end, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, double[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] h, int k, double[] s) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!better(h[parent], h[k], s)) {
                break;
            }
            int t = h[parent];
            h[parent] = h[k];
            h[k] = t;
            k = parent;
        }
    }

    private static void siftDown(int[] h, int size, double[] s) {
        int k = 0;
        while (true) {
            int l = 2 * k + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            if (l + 1 < size && better(h[l], h[l + 1], s)) {
                worst = l + 1;
            }
            if (!better(h[k], h[worst], s)) {
                return;
            }
            int t = h[k];
            h[k] = h[worst];
            h[worst] = t;
            k = worst;
        }
    }
}
