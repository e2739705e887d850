package io.shopsense.recommend;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row form: row {@code r} holds columns
 * {@code colIdx[rowPtr[r] .. rowPtr[r+1])} (ascending) with the matching {@code values}. The layout Spark, SciPy and
 * every iALS implementation share, so a model trained elsewhere can be fed the same arrays.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;

    /** Wraps arrays already in CSR form (columns ascending within each row); the arrays are not copied. */
    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {
        if (rowPtr.length != rows + 1 || colIdx.length != values.length || rowPtr[rows] != colIdx.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /**
     * Builds a matrix from coordinate triples, summing duplicates and keeping only entries whose sum is strictly
     * positive (a refund that cancels a purchase leaves no trace).
     */
    public static CsrMatrix fromTriples(int rows, int cols, int[] r, int[] c, double[] v, int count) {
        int[] counts = new int[rows + 1];
        for (int k = 0; k < count; k++) {
            counts[r[k] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            counts[i + 1] += counts[i];
        }
        int[] next = Arrays.copyOf(counts, rows);
        int[] cc = new int[count];
        double[] vv = new double[count];
        for (int k = 0; k < count; k++) {
            int p = next[r[k]]++;
            cc[p] = c[k];
            vv[p] = v[k];
        }
        int[] outPtr = new int[rows + 1];
        int[] outCol = new int[count];
        float[] outVal = new float[count];
        int n = 0;
        double[] acc = new double[cols];
        boolean[] seen = new boolean[cols];
        int[] touched = new int[cols];
        for (int row = 0; row < rows; row++) {
            int t = 0;
            for (int p = counts[row]; p < counts[row + 1]; p++) {
                int col = cc[p];
                if (!seen[col]) {
                    seen[col] = true;
                    touched[t++] = col;
                }
                acc[col] += vv[p];
            }
            Arrays.sort(touched, 0, t);
            for (int q = 0; q < t; q++) {
                int col = touched[q];
                if (acc[col] > 1e-12) {
                    outCol[n] = col;
                    outVal[n] = (float) acc[col];
                    n++;
                }
                acc[col] = 0;
                seen[col] = false;
            }
            outPtr[row + 1] = n;
        }
        return new CsrMatrix(rows, cols, outPtr, Arrays.copyOf(outCol, n), Arrays.copyOf(outVal, n));
    }

    /** The transpose, also in CSR form (so the CSC view of this matrix). */
    public CsrMatrix transpose() {
        int[] ptr = new int[cols + 1];
        for (int c : colIdx) {
            ptr[c + 1]++;
        }
        for (int i = 0; i < cols; i++) {
            ptr[i + 1] += ptr[i];
        }
        int[] next = Arrays.copyOf(ptr, cols);
        int[] idx = new int[colIdx.length];
        float[] val = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                int q = next[colIdx[p]]++;
                idx[q] = r;
                val[q] = values[p];
            }
        }
        return new CsrMatrix(cols, rows, ptr, idx, val);
    }

    /** The same pattern with every stored value set to 1 (presence only). */
    public CsrMatrix binary() {
        float[] ones = new float[values.length];
        Arrays.fill(ones, 1f);
        return new CsrMatrix(rows, cols, rowPtr, colIdx, ones);
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int nnz() { return colIdx.length; }

    public int rowStart(int row) { return rowPtr[row]; }

    public int rowEnd(int row) { return rowPtr[row + 1]; }

    public int rowLength(int row) { return rowPtr[row + 1] - rowPtr[row]; }

    /** Column index of stored entry {@code p} (between {@link #rowStart} and {@link #rowEnd}). */
    public int col(int p) { return colIdx[p]; }

    /** Value of stored entry {@code p}. */
    public float value(int p) { return values[p]; }

    /** The stored value at (row, col), 0 when absent; binary search within the row. */
    public float get(int row, int col) {
        int p = Arrays.binarySearch(colIdx, rowPtr[row], rowPtr[row + 1], col);
        return p >= 0 ? values[p] : 0f;
    }
}
