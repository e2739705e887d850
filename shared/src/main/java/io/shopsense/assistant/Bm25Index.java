package io.shopsense.assistant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable Okapi BM25 index over passages (Robertson, Spärck Jones et al., "Okapi at TREC-3", 1994).
 *
 * <p>For a question with distinct terms t and a passage d of length |d| (in terms),
 * {@code score(d) = Σ_t idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))}, with the
 * Robertson/Spärck Jones weight {@code idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))}; the {@code 1 +} inside
 * the logarithm (as in Lucene) keeps weights positive for terms in more than half the passages. Question terms
 * are counted once each, since shoppers' repetitions are not emphasis.
 *
 * <p>Postings are kept as primitive arrays per term; a search touches only the postings of the question's terms.
 */
public final class Bm25Index {
    private final List<Passage> passages;
    private final Tokeniser tokeniser;
    private final Bm25Parameters parameters;
    private final Map<String, Integer> termIds;
    private final int[][] postingDocs;
    private final int[][] postingFrequencies;
    private final int[] docLengths;
    private final double averageDocLength;
    private final Map<Passage, List<String>> termsOfPassage;

    private Bm25Index(List<Passage> passages, Tokeniser tokeniser, Bm25Parameters parameters,
                      Map<String, Integer> termIds, int[][] postingDocs, int[][] postingFrequencies,
                      int[] docLengths, double averageDocLength, Map<Passage, List<String>> termsOfPassage) {
        this.passages = passages;
        this.tokeniser = tokeniser;
        this.parameters = parameters;
        this.termIds = termIds;
        this.postingDocs = postingDocs;
        this.postingFrequencies = postingFrequencies;
        this.docLengths = docLengths;
        this.averageDocLength = averageDocLength;
        this.termsOfPassage = termsOfPassage;
    }

    /** Indexes the passages' {@link Passage#indexedText() indexed text}; passage order breaks score ties. */
    public static Bm25Index build(List<Passage> passages, Tokeniser tokeniser, Bm25Parameters parameters) {
        Objects.requireNonNull(tokeniser, "tokeniser");
        return build(passages, passages.stream().map(p -> tokeniser.tokens(p.indexedText())).toList(), tokeniser,
                parameters);
    }

    /**
     * Indexes passages whose terms were computed before (by the same {@link Tokeniser#VERSION}), as a stored
     * {@link AssistantIndex} holds them: {@code terms.get(d)} are the terms of {@code passages.get(d)}.
     */
    public static Bm25Index build(List<Passage> passages, List<List<String>> terms, Tokeniser tokeniser,
                                  Bm25Parameters parameters) {
        Objects.requireNonNull(tokeniser, "tokeniser");
        Objects.requireNonNull(parameters, "parameters");
        if (terms.size() != passages.size()) {
            throw new IllegalArgumentException(terms.size() + " term lists for " + passages.size() + " passages");
        }
        List<Passage> docs = List.copyOf(passages);
        Map<Passage, List<String>> termsOfPassage = new java.util.IdentityHashMap<>();
        Map<String, Integer> termIds = new HashMap<>();
        List<IntList> docsOfTerm = new ArrayList<>();
        List<IntList> freqsOfTerm = new ArrayList<>();
        int[] lengths = new int[docs.size()];
        long totalLength = 0;
        for (int d = 0; d < docs.size(); d++) {
            List<String> docTerms = List.copyOf(terms.get(d));
            termsOfPassage.put(docs.get(d), docTerms);
            lengths[d] = docTerms.size();
            totalLength += docTerms.size();
            Map<String, Integer> counts = new HashMap<>();
            for (String term : docTerms) {
                counts.merge(term, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                int id = termIds.computeIfAbsent(e.getKey(), k -> {
                    docsOfTerm.add(new IntList());
                    freqsOfTerm.add(new IntList());
                    return docsOfTerm.size() - 1;
                });
                docsOfTerm.get(id).add(d);
                freqsOfTerm.get(id).add(e.getValue());
            }
        }
        int[][] postingDocs = new int[docsOfTerm.size()][];
        int[][] postingFreqs = new int[docsOfTerm.size()][];
        for (int t = 0; t < postingDocs.length; t++) {
            postingDocs[t] = docsOfTerm.get(t).toArray();
            postingFreqs[t] = freqsOfTerm.get(t).toArray();
        }
        double average = docs.isEmpty() ? 0 : (double) totalLength / docs.size();
        return new Bm25Index(docs, tokeniser, parameters, Map.copyOf(termIds), postingDocs, postingFreqs, lengths,
                average, termsOfPassage);
    }

    /** The terms a passage of this index was indexed under, in order (empty for a passage it does not hold). */
    public List<String> terms(Passage passage) {
        return termsOfPassage.getOrDefault(passage, List.of());
    }

    /** Number of passages indexed (N). */
    public int size() {
        return passages.size();
    }

    /** The tokeniser the index was built with, to turn questions into the same terms. */
    public Tokeniser tokeniser() {
        return tokeniser;
    }

    /** The Robertson/Spärck Jones weight of a term; a term in no passage gets the weight of df = 0. */
    public double idf(String term) {
        Integer id = termIds.get(term);
        int df = id == null ? 0 : postingDocs[id].length;
        return idf(df);
    }

    /** The BM25 score of passage {@code doc} (its position in the build list) for a question. */
    public double score(String question, int doc) {
        Objects.checkIndex(doc, passages.size());
        double score = 0;
        for (String term : distinctTerms(question)) {
            Integer id = termIds.get(term);
            if (id == null) {
                continue;
            }
            int[] docs = postingDocs[id];
            for (int p = 0; p < docs.length; p++) {
                if (docs[p] == doc) {
                    score += termScore(idf(docs.length), postingFrequencies[id][p], docLengths[doc]);
                }
            }
        }
        return score;
    }

    /** The best {@code limit} passages for a question, highest score first; passages scoring 0 are left out. */
    public List<ScoredPassage> search(String question, int limit) {
        return search(distinctTerms(question), limit);
    }

    /** As {@link #search(String, int)}, for terms already produced by the index's tokeniser (duplicates ignored). */
    public List<ScoredPassage> search(List<String> terms, int limit) {
        double[] scores = new double[passages.size()];
        double[] matchedIdf = new double[passages.size()];
        boolean[] seen = new boolean[passages.size()];
        IntList touched = new IntList();
        for (String term : new LinkedHashSet<>(terms)) {
            Integer id = termIds.get(term);
            if (id == null) {
                continue;
            }
            int[] docs = postingDocs[id];
            int[] freqs = postingFrequencies[id];
            double idf = idf(docs.length);
            for (int p = 0; p < docs.length; p++) {
                int d = docs[p];
                if (!seen[d]) {
                    seen[d] = true;
                    touched.add(d);
                }
                scores[d] += termScore(idf, freqs[p], docLengths[d]);
                matchedIdf[d] += idf;
            }
        }
        int[] hits = touched.toArray();
        // Sorting only the touched passages keeps a search proportional to the postings read, not to N log N.
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = hits[i];
        }
        Arrays.sort(order, (x, y) -> {
            int byScore = Double.compare(scores[y], scores[x]);
            return byScore != 0 ? byScore : Integer.compare(x, y);
        });
        List<ScoredPassage> out = new ArrayList<>(Math.min(limit, order.length));
        for (int i = 0; i < order.length && out.size() < limit; i++) {
            int d = order[i];
            if (scores[d] > 0) {
                out.add(new ScoredPassage(passages.get(d), scores[d], matchedIdf[d]));
            }
        }
        return out;
    }

    /** Sum of the IDFs of the distinct terms, including terms in no passage: the denominator of coverage. */
    public double totalIdf(List<String> terms) {
        double sum = 0;
        for (String term : new LinkedHashSet<>(terms)) {
            sum += idf(term);
        }
        return sum;
    }

    private List<String> distinctTerms(String question) {
        return List.copyOf(new LinkedHashSet<>(tokeniser.tokens(question)));
    }

    private double idf(int df) {
        int n = passages.size();
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private double termScore(double idf, int tf, int docLength) {
        double k1 = parameters.k1();
        double lengthNorm = averageDocLength == 0 ? 1 : docLength / averageDocLength;
        return idf * tf * (k1 + 1) / (tf + k1 * (1 - parameters.b() + parameters.b() * lengthNorm));
    }

    /** A growable int array, so postings are built without boxing. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
