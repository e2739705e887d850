package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NestedSelectionTest {

    private static final PlantedDataset SHOP = PlantedDataset.generate(300, 120, 4, 30, 0.8, 120, 3L);
    /** The reported period starts here; the selection may read only what comes before. */
    private static final Instant ORIGIN = SHOP.end().minus(Duration.ofDays(20)).truncatedTo(
            java.time.temporal.ChronoUnit.DAYS);
    private static final NestedSelection.Settings SETTINGS = NestedSelection.Settings.of(20);

    @Test
    void select_neverReadsTheReportedPeriod() {
        // given the same history, once with a reported period where every customer suddenly buys only item I0
        // (which would favour popularity if the selection saw it), once without anything after the origin
        List<Event> history = SHOP.events().stream().filter(e -> e.ts().isBefore(ORIGIN)).toList();
        List<Event> withPeriod = new ArrayList<>(SHOP.events());
        for (Event e : history.subList(0, 2000)) {
            withPeriod.add(new Event("late" + e.eventId(), e.userId(), SHOP.catalogue().get(0).itemId(),
                    EventType.PURCHASE, 1, 1, "EUR", ORIGIN.plus(Duration.ofHours(1)), null, null, null, "t", 1));
        }

        // when
        NestedSelection.Result seen = NestedSelection.select(withPeriod, SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS);
        NestedSelection.Result blind = NestedSelection.select(history, SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS);

        // then the window ends at the origin and every figure and choice is identical
        assertThat(seen.report().validationTo()).isEqualTo(ORIGIN);
        assertThat(seen.report().validationFrom()).isEqualTo(ORIGIN.minus(Duration.ofDays(20)));
        assertThat(seen.report().validationEvents()).isEqualTo(blind.report().validationEvents());
        assertThat(seen.report().search()).extracting(t -> t.algorithm() + t.parameters() + t.repeatsNdcgAt10()
                        + "/" + t.discoveryNdcgAt10())
                .containsExactlyElementsOf(blind.report().search().stream().map(t -> t.algorithm() + t.parameters()
                        + t.repeatsNdcgAt10() + "/" + t.discoveryNdcgAt10()).toList());
        for (EvaluationMode mode : EvaluationMode.values()) {
            assertThat(seen.forMode(mode).name()).isEqualTo(blind.forMode(mode).name());
            assertThat(seen.forMode(mode).parameters()).isEqualTo(blind.forMode(mode).parameters());
        }
    }

    // --- reviews (issue #17) ---
    @Test
    void select_weighsByRatingsGivenBeforeTheWindow_andNeverByOnesGivenInsideIt() {
        // given 1★ ratings of every purchase the first 200 history events made, once dated inside the validation
        // window (so the fit may not see them) and once dated before it (so it must)
        Instant windowStart = ORIGIN.minus(Duration.ofDays(20));
        List<Event> history = SHOP.events().stream().filter(e -> e.ts().isBefore(windowStart)).toList();
        List<io.shopsense.model.Review> inside = new ArrayList<>();
        List<io.shopsense.model.Review> before = new ArrayList<>();
        for (Event e : history.subList(0, 200)) {
            inside.add(new io.shopsense.model.Review("i" + e.eventId(), e.userId(), e.itemId(), 1, null, null,
                    windowStart.plus(Duration.ofHours(1)), "r", 1));
            before.add(new io.shopsense.model.Review("b" + e.eventId(), e.userId(), e.itemId(), 1, null, null,
                    windowStart.minus(Duration.ofHours(1)), "r", 1));
        }

        // when
        NestedSelection.Result none = NestedSelection.select(SHOP.events(), SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS);
        NestedSelection.Result late = NestedSelection.select(SHOP.events(), SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS, inside, RatingSettings.defaults());
        NestedSelection.Result early = NestedSelection.select(SHOP.events(), SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS, before, RatingSettings.defaults());

        // then ratings inside the window change no figure; ratings before it change the fits' figures
        java.util.function.Function<NestedSelection.Result, List<String>> figures = r -> r.report().search().stream()
                .map(t -> t.algorithm() + t.parameters() + t.repeatsNdcgAt10() + "/" + t.discoveryNdcgAt10()).toList();
        assertThat(figures.apply(late)).isEqualTo(figures.apply(none));
        assertThat(figures.apply(early)).isNotEqualTo(figures.apply(none));
    }

    @Test
    void select_searchesHyperParametersAndKeepsTheBestPerList() {
        // when
        NestedSelection.Result result = NestedSelection.select(SHOP.events(), SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, SETTINGS);
        NestedSelection.Report report = result.report();

        // then iALS was tried at more than its default, and each list's figures hold its best trial per algorithm
        assertThat(report.search().stream().filter(t -> t.algorithm().equals("ials")).count()).isGreaterThan(1);
        for (EvaluationMode mode : EvaluationMode.values()) {
            NestedSelection.ListReport list = report.forMode(mode);
            assertThat(list.chosenBy()).isEqualTo("validation");
            double bestIals = report.search().stream().filter(t -> t.algorithm().equals("ials"))
                    .mapToDouble(t -> mode == EvaluationMode.REPEATS_ALLOWED ? t.repeatsNdcgAt10()
                            : t.discoveryNdcgAt10()).max().orElseThrow();
            assertThat(list.validation()).filteredOn(r -> r.algorithm().equals("ials"))
                    .singleElement().satisfies(r -> assertThat(r.ndcgAt10()).isEqualTo(bestIals));
            double top = list.validation().stream().mapToDouble(EvaluationResult::ndcgAt10).max().orElseThrow();
            assertThat(list.validation()).filteredOn(r -> r.algorithm().equals(list.chosen()))
                    .singleElement().satisfies(r -> assertThat(r.ndcgAt10()).isEqualTo(top));
            assertThat(result.forMode(mode).name()).isEqualTo(list.chosen());
        }
        assertThat(report.forMode(EvaluationMode.REPEATS_ALLOWED).validation()).extracting(EvaluationResult::algorithm)
                .contains("user-knn", "item-knn", "ease", "repeat", "hybrid", "ranker");
    }

    @Test
    void select_fallsBackToTheDefaultHybridWhenTheWindowJudgesNobody() {
        // given a window that starts before every event: no history to fit on
        NestedSelection.Result result = NestedSelection.select(SHOP.events(), SHOP.catalogue(),
                InteractionWeights.defaults(), ORIGIN, NestedSelection.Settings.of(400));

        // then
        assertThat(result.forMode(EvaluationMode.BOUGHT_EXCLUDED).name()).isEqualTo("hybrid");
        assertThat(result.report().discovery().chosenBy()).startsWith("default hybrid");
        assertThat(result.report().search()).isEmpty();
    }

    @Test
    void heldOutSample_keepsAtMostMaxCustomersEvenlySpaced() {
        // given the customers judged after the origin
        TemporalSplit split = TemporalSplit.at(SHOP.events(), ORIGIN);
        InteractionData train = InteractionData.from(split.train(), SHOP.catalogue(), InteractionWeights.defaults(),
                ORIGIN);
        ModelSelection.HeldOut all = ModelSelection.HeldOut.of(train, split.test(), EvaluationMode.REPEATS_ALLOWED);

        // when
        ModelSelection.HeldOut ten = all.sample(10);

        // then ten customers, the first one first and in index order; a cap above the count changes nothing
        assertThat(all.judgedUsers()).isGreaterThan(10);
        assertThat(ten.judgedUsers()).isEqualTo(10);
        assertThat(ten.users[0]).isEqualTo(all.users[0]);
        assertThat(ten.users).isSorted();
        assertThat(all.sample(all.judgedUsers())).isSameAs(all);
    }
}
