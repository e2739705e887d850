package io.shopsense.ads;

/**
 * A logged bandit feedback file in primitive arrays, one entry per impression (row): which item was shown at which
 * position, whether it was clicked, the logging policy's probability of that choice, the user's categorical
 * features (as dictionary codes) and the user's affinity to every item. Shaped after the Open Bandit Dataset.
 *
 * @param rowIds      the file's row index (its first column), reported back with per-row results
 * @param timestamps  epoch microseconds of the impression
 * @param positions   0-based position (OBD's 1, 2, 3 become 0, 1, 2)
 * @param userLevels  number of distinct codes of each user feature
 * @param affinity    {@code affinity[row][item]}, the user-item affinity scores
 */
public record BanditLog(
        int[] rowIds,
        long[] timestamps,
        int[] items,
        int[] positions,
        int[] clicks,
        double[] propensities,
        int[][] userFeatures,
        int[] userLevels,
        float[][] affinity,
        int itemCount,
        int positionCount) {

    public int size() {
        return items.length;
    }

    /** Mean click of the given rows. */
    public double clickRate(int[] rows) {
        long sum = 0;
        for (int r : rows) {
            sum += clicks[r];
        }
        return rows.length == 0 ? 0 : (double) sum / rows.length;
    }

    /** Mean click of every row. */
    public double clickRate() {
        long sum = 0;
        for (int c : clicks) {
            sum += c;
        }
        return clicks.length == 0 ? 0 : (double) sum / clicks.length;
    }
}
