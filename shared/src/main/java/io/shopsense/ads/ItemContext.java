package io.shopsense.ads;

/**
 * Item features of a bandit log (OBD's {@code item_context.csv}): one numeric feature and categorical features as
 * dictionary codes, indexed by item id.
 *
 * @param numeric     {@code item_feature_0} by item
 * @param categorical {@code categorical[item][j]}: code of categorical feature j
 * @param levels      number of codes of each categorical feature
 */
public record ItemContext(double[] numeric, int[][] categorical, int[] levels) {

    /** No item features: every item looks alike except for its id. */
    public static ItemContext none(int items) {
        return new ItemContext(new double[items], new int[items][0], new int[0]);
    }

    public int size() {
        return numeric.length;
    }
}
