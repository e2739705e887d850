package io.shopsense.ads;

import io.shopsense.model.AdPerformance;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PosteriorTest {

    /** Four weeks of one channel, every hour: 100 clicks a cell a day, converting at {@code weekend} on Sat/Sun. */
    private static List<AdPerformance> weeks(double weekday, double weekend) {
        List<AdPerformance> rows = new ArrayList<>();
        LocalDate first = LocalDate.of(2024, 6, 3); // a Monday
        for (int d = 0; d < 28; d++) {
            LocalDate date = first.plusDays(d);
            double rate = date.getDayOfWeek().getValue() >= 6 ? weekend : weekday;
            for (int h = 0; h < 24; h++) {
                rows.add(new AdPerformance(date, h, "search", "c", 4000, 100, Math.round(100 * rate), 50, 0));
            }
        }
        return rows;
    }

    @Test
    void weekdayFactor_staysOneWhenWeekdaysConvertAlike_andFollowsAWeekendThatConvertsTwiceAsOften() {
        PlannerSettings settings = PlannerSettings.defaults();
        LocalDate saturday = LocalDate.of(2024, 7, 6);

        CellPosteriors flat = CellPosteriors.fit(weeks(0.1, 0.1), Set.of(), saturday, settings);
        CellPosteriors weekend = CellPosteriors.fit(weeks(0.1, 0.2), Set.of(), saturday, settings);
        CellPosteriors weekendOnMonday = CellPosteriors.fit(weeks(0.1, 0.2), Set.of(), saturday.plusDays(2), settings);

        assertThat(flat.weekdayFactor()).isCloseTo(1.0, within(1e-3));
        // pooled over the week the cells convert at (5·0.1 + 2·0.2)/7 ≈ 0.129: Saturday ≈ 1.56×, Monday ≈ 0.78×
        assertThat(weekend.weekdayFactor()).isCloseTo(0.2 / (0.9 / 7), within(0.05));
        assertThat(weekendOnMonday.weekdayFactor()).isCloseTo(0.1 / (0.9 / 7), within(0.05));
        double[] draws = new double[2000];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < draws.length; i++) {
            draws[i] = weekend.sampleWeekdayFactor(rng);
        }
        assertThat(java.util.Arrays.stream(draws).max().orElseThrow()
                - java.util.Arrays.stream(draws).min().orElseThrow()).isPositive(); // drawn, not fixed
    }

    @Test
    void beta_priorFromMeanThenBinomialUpdate() {
        // given mean 0.1 worth 50 trials → Beta(5, 45); 3 conversions in 20 clicks → Beta(8, 62)
        BetaPosterior posterior = BetaPosterior.fromMean(0.1, 50).update(3, 17);

        assertThat(posterior.alpha()).isCloseTo(8, within(1e-9));
        assertThat(posterior.beta()).isCloseTo(62, within(1e-9));
        assertThat(posterior.mean()).isCloseTo(8.0 / 70, within(1e-12));
    }

    @Test
    void gamma_priorFromMeanThenPoissonUpdate() {
        // given 2 clicks per money worth 20 clicks → Gamma(20, 10); 30 clicks over 10 money → Gamma(50, 20)
        GammaPosterior posterior = GammaPosterior.fromMean(2, 20).update(30, 10);

        assertThat(posterior.shape()).isCloseTo(50, within(1e-9));
        assertThat(posterior.rate()).isCloseTo(20, within(1e-9));
        assertThat(posterior.mean()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void cellPosteriors_thinCellBorrowsFromItsChannelAndHour() {
        // given a busy channel converting 10% everywhere, and one cell seen once with 1 conversion of 2 clicks
        LocalDate day = LocalDate.of(2024, 3, 4);
        List<AdPerformance> history = new ArrayList<>();
        for (int d = 0; d < 14; d++) {
            for (int h = 0; h < 24; h++) {
                history.add(new AdPerformance(day.minusDays(d + 1), h, "search", "c", 1000, 100, 10, 50, 500));
            }
        }
        history.add(new AdPerformance(day.minusDays(1), 3, "social", "c", 20, 2, 1, 1, 50));

        CellPosteriors posteriors = CellPosteriors.fit(history, Set.of(), day, PlannerSettings.defaults());

        int socialHour3 = posteriors.channels().indexOf("social") * 24 + 3;
        int searchHour3 = posteriors.channels().indexOf("search") * 24 + 3;
        // raw 50% CVR is pulled most of the way back to what the model predicts
        assertThat(posteriors.cvr(socialHour3).mean()).isBetween(0.1, 0.2);
        assertThat(posteriors.cvr(searchHour3).mean()).isCloseTo(0.1, within(0.002));
        // Beta update arithmetic: prior worth 50 clicks plus the cell's 2 clicks
        assertThat(posteriors.cvr(socialHour3).alpha() + posteriors.cvr(socialHour3).beta())
                .isCloseTo(52, within(1e-9));
    }
}
