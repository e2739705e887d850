package io.shopsense.assistant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-computed BM25 on three passages (k1 = 1.2, b = 0.75):
 * d0 "red teapot" (|d| = 2), d1 "red red mug" (3), d2 "blue jam jar" (3); N = 3, avgdl = 8/3.
 * idf(red) = ln(1 + 1.5/2.5) = ln 1.6; idf(teapot) = ln(1 + 2.5/1.5) = ln(8/3).
 * d0: each term tf = 1, K = 1.2·(0.25 + 0.75·2/(8/3)) = 0.975, so score = (ln 1.6 + ln 8/3)·2.2/1.975.
 * d1: red tf = 2, K = 1.2·(0.25 + 0.75·3/(8/3)) = 1.3125, so score = ln 1.6·2·2.2/3.3125.
 */
class Bm25IndexTest {
    private static final List<Passage> DOCS = List.of(
            new Passage(PassageSource.FAQ, "d0", "", "red teapot"),
            new Passage(PassageSource.FAQ, "d1", "", "red red mug"),
            new Passage(PassageSource.FAQ, "d2", "", "blue jam jar"));
    private final Bm25Index index = Bm25Index.build(DOCS, new Tokeniser(), Bm25Parameters.defaults());

    @Test
    void score_matchesHandComputedBm25() {
        double expectedD0 = (Math.log(1.6) + Math.log(8.0 / 3)) * 2.2 / 1.975;
        double expectedD1 = Math.log(1.6) * 2 * 2.2 / 3.3125;

        assertThat(index.score("red teapot", 0)).isCloseTo(expectedD0, within(1e-9));
        assertThat(index.score("red teapot", 0)).isCloseTo(1.6161176409956537, within(1e-9));
        assertThat(index.score("red teapot", 1)).isCloseTo(expectedD1, within(1e-9));
        assertThat(index.score("red teapot", 1)).isCloseTo(0.6243067075264112, within(1e-9));
        assertThat(index.score("red teapot", 2)).isZero();
    }

    @Test
    void search_ranksByScoreAndLeavesOutNonMatches() {
        List<ScoredPassage> hits = index.search("red teapot", 10);

        assertThat(hits).extracting(h -> h.passage().id()).containsExactly("d0", "d1");
        assertThat(hits.get(0).score()).isCloseTo(index.score("red teapot", 0), within(1e-12));
        assertThat(hits.get(0).matchedIdf()).isCloseTo(Math.log(1.6) + Math.log(8.0 / 3), within(1e-12));
        assertThat(hits.get(1).matchedIdf()).isCloseTo(Math.log(1.6), within(1e-12));
    }

    @Test
    void search_countsRepeatedQuestionTermsOnce() {
        assertThat(index.search("red red red teapot", 1).get(0).score())
                .isCloseTo(index.score("red teapot", 0), within(1e-12));
    }

    @Test
    void search_limitsTheNumberOfHits() {
        assertThat(index.search("red", 1)).extracting(h -> h.passage().id()).containsExactly("d1");
    }

    @Test
    void idf_staysPositiveForATermInEveryPassageAndIsHighestForUnseenTerms() {
        Bm25Index everywhere = Bm25Index.build(List.of(
                new Passage(PassageSource.FAQ, "a", "", "tea cup"),
                new Passage(PassageSource.FAQ, "b", "", "tea pot"),
                new Passage(PassageSource.FAQ, "c", "", "tea towel")), new Tokeniser(), Bm25Parameters.defaults());

        assertThat(everywhere.idf("tea")).isCloseTo(Math.log(1 + 0.5 / 3.5), within(1e-12)).isPositive();
        assertThat(everywhere.idf("kettle")).isCloseTo(Math.log(1 + 3.5 / 0.5), within(1e-12));
        assertThat(everywhere.totalIdf(List.of("tea", "kettle", "tea")))
                .isCloseTo(Math.log(1 + 0.5 / 3.5) + Math.log(8), within(1e-12));
    }

    @Test
    void parameters_bZeroIgnoresLengthAndK1ZeroCountsPresenceOnly() {
        Bm25Index noLength = Bm25Index.build(DOCS, new Tokeniser(), new Bm25Parameters(1.2, 0));
        Bm25Index presence = Bm25Index.build(DOCS, new Tokeniser(), new Bm25Parameters(0, 0.75));

        assertThat(noLength.score("red", 1)).isCloseTo(Math.log(1.6) * 2 * 2.2 / 3.2, within(1e-9));
        assertThat(presence.score("red", 1)).isCloseTo(Math.log(1.6), within(1e-9));
        assertThat(presence.score("red", 0)).isCloseTo(Math.log(1.6), within(1e-9));
    }

    @Test
    void build_overNoPassagesFindsNothing() {
        Bm25Index empty = Bm25Index.build(List.of(), new Tokeniser(), Bm25Parameters.defaults());

        assertThat(empty.search("anything", 5)).isEmpty();
        assertThat(empty.size()).isZero();
    }
}
