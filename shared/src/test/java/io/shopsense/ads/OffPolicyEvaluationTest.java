package io.shopsense.ads;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OffPolicyEvaluationTest {
    private static BanditLog random;
    private static BanditLog bts;
    private static ItemContext items;

    @BeforeAll
    static void load() throws IOException {
        random = OpenBanditReader.readLog(resource("/ads/obd/random-men-slice.csv"));
        bts = OpenBanditReader.readLog(resource("/ads/obd/bts-men-200.csv"));
        items = OpenBanditReader.readItemContext(resource("/ads/obd/men-item_context.csv"));
    }

    private static Reader resource(String name) {
        return new InputStreamReader(OffPolicyEvaluationTest.class.getResourceAsStream(name), StandardCharsets.UTF_8);
    }

    @Test
    void reader_readsTheOpenBanditLayout() {
        assertThat(random.size()).isEqualTo(400);
        assertThat(random.rowIds()[0]).isEqualTo(700);
        assertThat(random.itemCount()).isEqualTo(34);
        assertThat(random.positionCount()).isEqualTo(3);
        assertThat(random.propensities()[0]).isEqualTo(1.0 / 34);
        assertThat(random.userLevels()).hasSize(4);
        assertThat(random.affinity()[0]).hasSize(34);
        assertThat(random.clickRate()).isCloseTo(4 / 400.0, within(1e-12));
        assertThat(Arrays.stream(bts.propensities()).allMatch(p -> p > 0 && p <= 1)).isTrue();
        assertThat(items.size()).isEqualTo(34);
        assertThat(items.levels()).hasSize(3);
    }

    @Test
    void estimators_handComputedFourRows() {
        // given r, w = π/p = [1/.5, 0/.5, .5/.25, .25/.25] = [2, 0, 2, 1], reward model q and Σπq̂ = d
        double[] r = {1, 0, 1, 0};
        double[] w = {2, 0, 2, 1};
        double[] q = {0.5, 0.2, 0.4, 0.1};
        double[] d = {0.6, 0.3, 0.5, 0.2};

        // then IPW = (2 + 2)/4; SNIPW = 4/5; DR = (1.6 + 0.3 + 1.7 + 0.1)/4
        assertThat(OffPolicyEstimators.ipw(w, r)).isCloseTo(1.0, within(1e-12));
        assertThat(OffPolicyEstimators.snipw(w, r)).isCloseTo(0.8, within(1e-12));
        assertThat(OffPolicyEstimators.doublyRobust(w, r, q, d)).isCloseTo(0.925, within(1e-12));
    }

    @Test
    void bootstrap_isSeededAndBracketsTheEstimate() {
        double[] r = {1, 0, 1, 0, 0, 1, 0, 0};
        double[] w = {2, 0, 2, 1, 1, 0.5, 1, 1};
        double[] q = new double[8];
        Arrays.fill(q, 0.3);
        double[] d = q.clone();

        double[] first = OffPolicyEstimators.bootstrap(w, r, q, d, 500, 9);
        double[] again = OffPolicyEstimators.bootstrap(w, r, q, d, 500, 9);

        assertThat(again).containsExactly(first);
        assertThat(OffPolicyEstimators.ipw(w, r)).isBetween(first[0], first[1]);
        assertThat(OffPolicyEstimators.snipw(w, r)).isBetween(first[2], first[3]);
        assertThat(OffPolicyEstimators.doublyRobust(w, r, q, d)).isBetween(first[4], first[5]);
    }

    @Test
    void evaluate_uniformPolicyOnRandomLogsEqualsTheLoggedClickRateExactly() {
        OffPolicyReport report = new OffPolicyEvaluator(1, 200).evaluate(random, items, List.of(new UniformPolicy()));

        PolicyEstimate uniform = report.results().get(0).estimate();
        assertThat(report.loggedCtr()).isPositive();
        assertThat(uniform.ipw()).isEqualTo(report.loggedCtr());
        assertThat(uniform.snipw()).isEqualTo(report.loggedCtr());
        assertThat(report.results().get(0).pi()).containsOnly(1.0 / 34);
    }

    @Test
    void evaluate_judgesTheLaterHalfAndExposesPiPerRow() {
        OffPolicyReport report = new OffPolicyEvaluator(3, 200).evaluate(random, items, SlotPolicy.defaults(3));

        assertThat(report.trainRows()).isEqualTo(200);
        assertThat(report.judgedRowIds()).hasSize(200).startsWith(900).endsWith(1099);
        for (OffPolicyReport.Result result : report.results()) {
            assertThat(result.pi()).hasSize(200);
            assertThat(Arrays.stream(result.pi()).allMatch(p -> p >= 0 && p <= 1)).as(result.estimate().policy()).isTrue();
            PolicyEstimate e = result.estimate();
            assertThat(e.ciLow()).isLessThanOrEqualTo(e.ipw());
            assertThat(e.ciHigh()).isGreaterThanOrEqualTo(e.ipw());
        }
        OffPolicyReport again = new OffPolicyEvaluator(3, 200).evaluate(random, items, SlotPolicy.defaults(3));
        assertThat(again.results().get(1).estimate()).isEqualTo(report.results().get(1).estimate());
    }

    @Test
    void policies_giveProperDistributions() {
        int[] train = IntStream.range(0, 200).toArray();
        double[] dist = new double[random.itemCount()];
        for (SlotPolicy policy : SlotPolicy.defaults(5)) {
            SlotPolicy.ActionDistribution pi = policy.fit(random, train, items);
            for (int row = 200; row < 400; row += 37) {
                pi.probabilities(random, row, dist);
                assertThat(Arrays.stream(dist).sum()).as(policy.name()).isCloseTo(1.0, within(1e-9));
                assertThat(Arrays.stream(dist).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            }
        }
        // trained on the half with clicks, one item wins; with no clicks every item ties and gets 1/34
        int[] withClicks = IntStream.range(200, 400).toArray();
        SlotPolicy.ActionDistribution greedy = new EpsilonGreedyRidgePolicy(0.2, 1.0).fit(random, withClicks, items);
        greedy.probabilities(random, 50, dist);
        assertThat(Arrays.stream(dist).min().orElseThrow()).isCloseTo(0.2 / 34, within(1e-12));
    }
}
