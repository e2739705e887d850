package io.shopsense.profile;

import static io.shopsense.profile.Events.event;
import static io.shopsense.profile.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.EventType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngagementModelTest {

    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);
    private final ProfileFolder folder = new ProfileFolder(ProfileConfig.defaults());

    /** Active today, 1 order, 10 spent, no browsing. */
    private CustomerHistory recentSmall() {
        return CustomerHistory.of(folder.fold(null, "a", List.of(
                purchase("a1", "a", "i", 1, 10, "2024-03-31T08:00:00Z", "o1", "s"))), AS_OF);
    }

    /** Last active 10 days ago, 3 orders, 100 spent, 4 views. */
    private CustomerHistory olderBig() {
        return CustomerHistory.of(folder.fold(null, "b", List.of(
                purchase("b1", "b", "i", 1, 30, "2024-03-01T08:00:00Z", "o1", "s"),
                purchase("b2", "b", "i", 1, 30, "2024-03-10T08:00:00Z", "o2", "s"),
                purchase("b3", "b", "i", 1, 40, "2024-03-21T08:00:00Z", "o3", "s"),
                event("b4", "b", "i", EventType.VIEW, "2024-03-01T07:00:00Z", null, "s"),
                event("b5", "b", "i", EventType.VIEW, "2024-03-02T07:00:00Z", null, "s"),
                event("b6", "b", "i", EventType.VIEW, "2024-03-03T07:00:00Z", null, "s"),
                event("b7", "b", "i", EventType.VIEW, "2024-03-04T07:00:00Z", null, "s"))), AS_OF);
    }

    @Test
    void score_isWeightedSumOfZScores() {
        // With two customers every feature with spread standardises to −1 and +1; refund rate has none (both 0).
        // a: −0.30·(−1) + 0.25·(−1) + 0.20·(−1) + 0.15·(−1) = −0.30;  b: the opposite.
        CustomerHistory a = recentSmall();
        CustomerHistory b = olderBig();
        EngagementModel model = EngagementModel.fit(List.of(a, b), EngagementWeights.defaults());

        assertThat(model.score(a)).isCloseTo(-0.30, within(1e-12));
        assertThat(model.score(b)).isCloseTo(0.30, within(1e-12));
        assertThat(model.means().get(0)).isCloseTo(5.0, within(1e-12));
        assertThat(model.stdDevs().get(0)).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void score_followsConfiguredWeights() {
        CustomerHistory a = recentSmall();
        CustomerHistory b = olderBig();
        EngagementModel recencyOnly = EngagementModel.fit(List.of(a, b), new EngagementWeights(-1, 0, 0, 0, 0));

        assertThat(recencyOnly.score(a)).isCloseTo(1.0, within(1e-12));
    }
}
