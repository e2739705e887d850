package io.shopsense.profile;

/**
 * The weights wᵢ of the engagement score {@code User_Feature = Σ wᵢ·zᵢ}, where each zᵢ is a feature standardised
 * across the shop's customers (z-score; a feature with no spread contributes 0). Counts and money are log1p-transformed
 * before standardising because they are heavy-tailed. The defaults' magnitudes sum to 1:
 *
 * <table>
 *   <caption>default engagement weights</caption>
 *   <tr><th>feature</th><th>raw value</th><th>weight</th></tr>
 *   <tr><td>recency</td><td>days since the last event of any kind</td><td>−0.30</td></tr>
 *   <tr><td>frequency</td><td>log1p(orders)</td><td>0.25</td></tr>
 *   <tr><td>monetary</td><td>log1p(max(0, net spend))</td><td>0.20</td></tr>
 *   <tr><td>browsing</td><td>log1p(views + carts)</td><td>0.15</td></tr>
 *   <tr><td>refund rate</td><td>refunds / revenue (0 without revenue)</td><td>−0.10</td></tr>
 * </table>
 */
public record EngagementWeights(double recency, double frequency, double monetary, double browsing, double refundRate) {

    /** The documented defaults: −0.30, 0.25, 0.20, 0.15, −0.10. */
    public static EngagementWeights defaults() {
        return new EngagementWeights(-0.30, 0.25, 0.20, 0.15, -0.10);
    }

    double[] asArray() {
        return new double[] {recency, frequency, monetary, browsing, refundRate};
    }
}
