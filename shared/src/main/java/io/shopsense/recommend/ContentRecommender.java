package io.shopsense.recommend;

import io.shopsense.model.Item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Content-based recommendations from catalogue text: each item is a TF-IDF vector over the words of its title plus
 * one token for its category (L2-normalised); a user's profile is the confidence-weighted sum
 * {@code Σ_{j∈I_u} log(1 + r_uj)·v_j} of their items' vectors; the score is the cosine of profile and item. Works for
 * items nobody has touched yet, which is what collaborative models cannot do.
 */
public final class ContentRecommender implements Recommender {
    private static final String CATEGORY_PREFIX = "category:";

    @Override
    public String name() {
        return "content";
    }

    @Override
    public ContentModel fit(InteractionData data) {
        Map<String, Integer> vocabulary = new HashMap<>();
        List<int[]> termsPerItem = new ArrayList<>();
        List<float[]> countsPerItem = new ArrayList<>();
        for (int i = 0; i < data.itemCount(); i++) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (String token : tokens(data.item(i))) {
                counts.merge(vocabulary.computeIfAbsent(token, t -> vocabulary.size()), 1, Integer::sum);
            }
            int[] terms = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] tf = new float[terms.length];
            for (int q = 0; q < terms.length; q++) {
                tf[q] = counts.get(terms[q]);
            }
            termsPerItem.add(terms);
            countsPerItem.add(tf);
        }
        int items = data.itemCount();
        int[] df = new int[vocabulary.size()];
        termsPerItem.forEach(terms -> Arrays.stream(terms).forEach(t -> df[t]++));
        int[] ptr = new int[items + 1];
        for (int i = 0; i < items; i++) {
            ptr[i + 1] = ptr[i] + termsPerItem.get(i).length;
        }
        int[] idx = new int[ptr[items]];
        float[] val = new float[ptr[items]];
        for (int i = 0; i < items; i++) {
            int[] terms = termsPerItem.get(i);
            float[] tf = countsPerItem.get(i);
            double norm = 0;
            for (int q = 0; q < terms.length; q++) {
                double w = tf[q] * idf(items, df[terms[q]]);
                val[ptr[i] + q] = (float) w;
                idx[ptr[i] + q] = terms[q];
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            for (int p = ptr[i]; p < ptr[i + 1] && norm > 0; p++) {
                val[p] /= norm;
            }
        }
        CsrMatrix itemTerms = new CsrMatrix(items, vocabulary.size(), ptr, idx, val);
        return new ContentModel(name(), data.confidence(), itemTerms, Map.copyOf(vocabulary), df, items);
    }

    /** Smoothed inverse document frequency {@code ln((1 + N) / (1 + df)) + 1}. */
    static double idf(int documents, int documentFrequency) {
        return Math.log((1.0 + documents) / (1.0 + documentFrequency)) + 1;
    }

    /** Lower-case words of two or more letters or digits from the title, plus one category token. */
    static List<String> tokens(Item item) {
        List<String> out = new ArrayList<>();
        if (item.title() != null) {
            for (String word : item.title().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.length() >= 2) {
                    out.add(word);
                }
            }
        }
        if (item.category() != null && !item.category().isBlank()) {
            out.add(CATEGORY_PREFIX + item.category().toLowerCase(Locale.ROOT).trim());
        }
        return out;
    }

    /** The trained TF-IDF item vectors (items × terms) and the users' histories. */
    public static final class ContentModel implements ScoringModel {
        private final String algorithm;
        private final CsrMatrix history;
        private final CsrMatrix itemTerms;
        private final CsrMatrix termItems;
        private final Map<String, Integer> vocabulary;
        private final int[] documentFrequency;
        private final int documents;

        ContentModel(String algorithm, CsrMatrix history, CsrMatrix itemTerms, Map<String, Integer> vocabulary,
                     int[] documentFrequency, int documents) {
            this.algorithm = algorithm;
            this.history = history;
            this.itemTerms = itemTerms;
            this.termItems = itemTerms.transpose();
            this.vocabulary = vocabulary;
            this.documentFrequency = documentFrequency;
            this.documents = documents;
        }

        @Override
        public String algorithm() {
            return algorithm;
        }

        /** Cosine of the user's profile {@code Σ log(1 + r_uj)·v_j} with every item vector. */
        @Override
        public void score(int user, double[] scores) {
            double[] profile = new double[itemTerms.cols()];
            double norm2 = 0;
            for (int p = history.rowStart(user); p < history.rowEnd(user); p++) {
                int j = history.col(p);
                double w = Math.log1p(history.value(p));
                for (int q = itemTerms.rowStart(j); q < itemTerms.rowEnd(j); q++) {
                    profile[itemTerms.col(q)] += w * itemTerms.value(q);
                }
            }
            for (double v : profile) {
                norm2 += v * v;
            }
            double norm = norm2 > 0 ? Math.sqrt(norm2) : 1;
            for (int i = 0; i < itemTerms.rows(); i++) {
                double s = 0;
                for (int q = itemTerms.rowStart(i); q < itemTerms.rowEnd(i); q++) {
                    s += itemTerms.value(q) * profile[itemTerms.col(q)];
                }
                scores[i] = s / norm;
            }
        }

        /** Cosine similarity of one item's vector with every item (itself included). */
        public double[] similarities(int item) {
            double[] sims = new double[itemTerms.rows()];
            for (int p = itemTerms.rowStart(item); p < itemTerms.rowEnd(item); p++) {
                accumulate(itemTerms.col(p), itemTerms.value(p), sims);
            }
            return sims;
        }

        /**
         * Cosine similarity of any catalogue row (known or not to the training data) with every item: the
         * similar-items answer for an item nobody has interacted with, or one added after training.
         */
        public double[] similaritiesTo(Item item) {
            Map<Integer, Double> weights = new HashMap<>();
            for (String token : tokens(item)) {
                Integer term = vocabulary.get(token);
                if (term != null) {
                    weights.merge(term, idf(documents, documentFrequency[term]), Double::sum);
                }
            }
            double norm = Math.sqrt(weights.values().stream().mapToDouble(w -> w * w).sum());
            double[] sims = new double[itemTerms.rows()];
            if (norm > 0) {
                weights.forEach((term, w) -> accumulate(term, w / norm, sims));
            }
            return sims;
        }

        private void accumulate(int term, double weight, double[] sims) {
            for (int q = termItems.rowStart(term); q < termItems.rowEnd(term); q++) {
                sims[termItems.col(q)] += weight * termItems.value(q);
            }
        }

        /** True when the item has at least one word or a category. */
        public boolean hasContent(int item) {
            return itemTerms.rowLength(item) > 0;
        }

        int[] itemsWithAnyTerm() {
            return IntStream.range(0, itemTerms.rows()).filter(this::hasContent).toArray();
        }
    }
}
