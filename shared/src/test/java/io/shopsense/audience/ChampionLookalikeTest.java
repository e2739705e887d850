package io.shopsense.audience;

import static io.shopsense.audience.Customers.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChampionLookalikeTest {

    @Test
    void nearestToTheChampionsCentroid_asManyAsChampions() {
        // only recency differs: Champions at 2 and 4 days put the centroid at 3; |r − 3| ranks 3, 5, 20
        List<Profile> profiles = List.of(
                customer("c1").segment(Segment.CHAMPIONS).behaviour(2, 3, 300, 100, 0).build(),
                customer("c2").segment(Segment.CHAMPIONS).behaviour(4, 3, 300, 100, 0).build(),
                customer("n1").segment(Segment.LOYAL).behaviour(5, 3, 300, 100, 0).build(),
                customer("n2").segment(Segment.AT_RISK).behaviour(20, 3, 300, 100, 0).build(),
                customer("n3").segment(Segment.POTENTIAL_LOYALIST).behaviour(3, 3, 300, 100, 0).build(),
                customer("browser").browserOnly().build());

        assertThat(ChampionLookalike.of(profiles)).extracting(Profile::userId).containsExactly("n3", "n1");
    }

    @Test
    void refunds_tellOtherwiseEqualCustomersApart() {
        List<Profile> profiles = List.of(
                customer("c").segment(Segment.CHAMPIONS).behaviour(2, 5, 500, 100, 0).build(),
                customer("returner").segment(Segment.LOYAL).behaviour(6, 4, 400, 100, 300).build(),
                customer("keeper").segment(Segment.LOYAL).behaviour(6, 4, 400, 100, 0).build());

        assertThat(ChampionLookalike.of(profiles)).extracting(Profile::userId).containsExactly("keeper");
    }

    @Test
    void noChampions_orOnlyChampions_giveNoLookalikes() {
        assertThat(ChampionLookalike.of(List.of(customer("a").segment(Segment.LOYAL).build()))).isEmpty();
        assertThat(ChampionLookalike.of(List.of(customer("a").segment(Segment.CHAMPIONS).build()))).isEmpty();
    }

    @Test
    void features_areRecencyLogFrequencyLogSpendLogOrderValueAndRefundRate() {
        double[] f = ChampionLookalike.features(customer("a").behaviour(7, 3, 99, 49, 33).build());

        assertThat(f[0]).isEqualTo(7);
        assertThat(f[1]).isCloseTo(Math.log(4), within(1e-12));
        assertThat(f[2]).isCloseTo(Math.log(100), within(1e-12));
        assertThat(f[3]).isCloseTo(Math.log(50), within(1e-12));
        assertThat(f[4]).isCloseTo(0.25, within(1e-12)); // 33 refunded of 132 revenue
    }

    @Test
    void standardise_givesZScores_andZeroForAConstantColumn() {
        double[][] x = {{1, 5, 0, 0, 0}, {3, 5, 0, 0, 0}};

        ChampionLookalike.standardise(x);

        assertThat(x[0][0]).isCloseTo(-1, within(1e-12));
        assertThat(x[1][0]).isCloseTo(1, within(1e-12));
        assertThat(x[0][1]).isZero();
    }
}
