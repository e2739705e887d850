package io.shopsense.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A weighted blend of other recommenders: the seed's {@code Recommendation = f(User_Feature, Item_Feature)} made
 * concrete. For user u and item i,
 * <pre>
 *   f(u, i) = Σ_m  w_m(u) · norm_m(s_m(u, i)),     w_m(u) = weight_m + coldWeight_m / (1 + n_u)
 * </pre>
 * where each component m pairs one user feature with one item feature: iALS the latent vectors {@code x_u · y_i};
 * item-kNN or EASE the user's history vector against the item's column of similarities; content the TF-IDF profile
 * of the user's items against the item's TF-IDF vector; repeat the user's decayed purchases of i itself; popularity
 * and trending an item feature alone. {@code norm_m} rescales a user's scores of one component to [0, 1] (min-max
 * over items) so weights are comparable, and {@code n_u} (distinct items in the user's history) shifts weight to
 * the components with a non-zero {@code coldWeight} (content, popularity) for customers with little history.
 */
public final class HybridRecommender implements Recommender {

    /**
     * One blended recommender.
     *
     * @param weight     weight for a user with a long history
     * @param coldWeight extra weight divided by {@code 1 + n_u}: matters for users with few items only
     */
    public record Component(Recommender recommender, double weight, double coldWeight) {
        public Component {
            if (weight < 0 || coldWeight < 0) {
                throw new IllegalArgumentException("weights must be non-negative");
            }
        }
    }

    private final String name;
    private final List<Component> components;

    public HybridRecommender(String name, List<Component> components) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a hybrid needs at least one component");
        }
        this.name = name;
        this.components = List.copyOf(components);
    }

    @Override
    public String name() {
        return name;
    }

    /** Each component's name, weights and own parameters, in blend order. */
    @Override
    public Map<String, Object> parameters() {
        List<Object> parts = new ArrayList<>();
        for (Component c : components) {
            parts.add(new TreeMap<>(Map.of("algorithm", c.recommender().name(),
                    "weight", c.weight(), "coldWeight", c.coldWeight(),
                    "parameters", new TreeMap<>(c.recommender().parameters()))));
        }
        return Map.of("components", parts);
    }

    /** True when at least one component can fit; components that cannot (EASE on a large catalogue) are left out. */
    @Override
    public boolean canFit(InteractionData data) {
        return components.stream().anyMatch(c -> c.recommender().canFit(data));
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        List<Component> usable = components.stream().filter(c -> c.recommender().canFit(data)).toList();
        List<ScoringModel> models = new ArrayList<>();
        for (Component c : usable) {
            models.add(c.recommender().fit(data));
        }
        double[] weights = usable.stream().mapToDouble(Component::weight).toArray();
        double[] coldWeights = usable.stream().mapToDouble(Component::coldWeight).toArray();
        return blend(name, models, weights, coldWeights, data.confidence());
    }

    /** The blend of models already fitted on the data whose confidence matrix is {@code history}. */
    static ScoringModel blend(String name, List<ScoringModel> models, double[] weights, double[] coldWeights,
                              CsrMatrix history) {
        return new ScoringModel() {
            @Override
            public String algorithm() {
                return name;
            }

            @Override
            public void score(int user, double[] scores) {
                java.util.Arrays.fill(scores, 0);
                double[] part = new double[scores.length];
                int historySize = history.rowLength(user);
                for (int m = 0; m < models.size(); m++) {
                    double w = weights[m] + coldWeights[m] / (1 + historySize);
                    if (w == 0) {
                        continue;
                    }
                    models.get(m).score(user, part);
                    addNormalised(part, w, scores);
                }
            }
        };
    }

    /** The components, in blend order. */
    public List<Component> components() {
        return components;
    }

    /** {@code out += w · (s − min) / (max − min)}; a constant component adds nothing. */
    static void addNormalised(double[] s, double w, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (!(range > 0)) {
            return;
        }
        double scale = w / range;
        for (int i = 0; i < s.length; i++) {
            out[i] += (s[i] - min) * scale;
        }
    }
}
