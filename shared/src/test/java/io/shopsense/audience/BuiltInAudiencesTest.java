package io.shopsense.audience;

import static io.shopsense.audience.Customers.AS_OF;
import static io.shopsense.audience.Customers.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltInAudiencesTest {

    private static Map<String, List<String>> byName(List<Profile> profiles) {
        return BuiltInAudiences.of(profiles, AS_OF).stream().collect(Collectors.toMap(BuiltInAudiences.Candidate::name,
                c -> c.members().stream().map(Profile::userId).sorted().toList()));
    }

    @Test
    void onePerSegment_everySegmentListedEvenWhenEmpty_browsersInNone() {
        List<Profile> profiles = List.of(customer("c1").segment(Segment.CHAMPIONS).build(),
                customer("l1").segment(Segment.LOYAL).build(), customer("l2").segment(Segment.LOYAL).build(),
                customer("b1").browserOnly().build());

        Map<String, List<String>> audiences = byName(profiles);

        assertThat(audiences.get("segment-champions")).containsExactly("c1");
        assertThat(audiences.get("segment-loyal")).containsExactly("l1", "l2");
        assertThat(audiences.get("segment-potential-loyalist")).isEmpty();
        assertThat(audiences.keySet()).filteredOn(n -> n.startsWith("segment-")).hasSize(Segment.values().length);
        assertThat(audiences.values()).noneMatch(members -> members.contains("b1"));
    }

    @Test
    void highValue_isTheTopFifthOfBuyersByClv() {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            profiles.add(customer("u" + i).segment(Segment.LOYAL).clv(10 * i).build());
        }
        profiles.add(customer("browser").browserOnly().clv(1000).build()); // no purchase: not a buyer

        assertThat(byName(profiles).get("high-value")).containsExactly("u10", "u9");
    }

    @Test
    void highValue_keepsATieAtTheCutWhole() {
        List<Profile> profiles = List.of(customer("a").clv(5).build(), customer("b").clv(5).build(),
                customer("c").clv(5).build(), customer("d").clv(1).build(), customer("e").clv(1).build());

        assertThat(byName(profiles).get("high-value")).containsExactly("a", "b", "c");
    }

    @Test
    void winBack_isAtRiskOrNeedAttention_withClvAboveAndProbabilityAliveBelowTheMedians() {
        // CLV median 5, probability-alive median 0.1
        List<Profile> profiles = List.of(
                customer("a").segment(Segment.AT_RISK).clv(300).alive(0.08).build(),
                customer("b").segment(Segment.NEED_ATTENTION).clv(300).alive(0.9).build(),
                customer("c").segment(Segment.AT_RISK).clv(1).alive(0.1).build(),
                customer("d").segment(Segment.CHAMPIONS).clv(300).alive(0.1).build(),
                customer("e").segment(Segment.LOYAL).clv(5).alive(0.5).build(),
                customer("f").segment(Segment.LOST).clv(2).alive(0.05).build(),
                customer("g").segment(Segment.HIBERNATING).clv(3).alive(0.2).build());

        BuiltInAudiences.Candidate winBack = BuiltInAudiences.winBack(profiles);

        assertThat(winBack.members()).extracting(Profile::userId).containsExactly("a");
        assertThat(winBack.definition()).contains("above the median (5)", "below the median (0.1)");
    }

    @Test
    void categories_topQuintileOfAffinity_forTheLargestCategoriesOnly() {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            profiles.add(customer("m" + i).affinity("MUGS", i).build());
        }
        profiles.add(customer("v").affinity("Vases & Jugs", 0.1).build());
        profiles.add(customer("none").build());

        Map<String, List<String>> audiences = byName(profiles);

        assertThat(audiences.get("category-mugs")).containsExactly("m10", "m9");
        assertThat(audiences.get("category-vases-jugs")).containsExactly("v");
    }

    @Test
    void categories_onlyTheFiveLargestByTotalAffinity() {
        List<Profile> profiles = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            profiles.add(customer("u" + c).affinity("C" + c, c).build());
        }

        assertThat(BuiltInAudiences.categories(profiles)).extracting(BuiltInAudiences.Candidate::name)
                .containsExactly("category-c6", "category-c5", "category-c4", "category-c3", "category-c2");
    }

    @Test
    void newCustomers_firstOrderWithinThirtyDaysOfTheProfileDate() {
        List<Profile> profiles = List.of(customer("in").firstOrder(AS_OF.minusDays(29)).build(),
                customer("today").firstOrder(AS_OF).build(),
                customer("out").firstOrder(AS_OF.minusDays(30)).build(),
                customer("browser").browserOnly().build());

        assertThat(byName(profiles).get("new-customers")).containsExactly("in", "today");
    }

    @Test
    void lookalike_isListedWithTheBuiltIns() {
        List<Profile> profiles = List.of(customer("c").segment(Segment.CHAMPIONS).behaviour(1, 5, 500, 100, 0).build(),
                customer("n").segment(Segment.LOYAL).behaviour(5, 4, 400, 100, 0).build());

        assertThat(byName(profiles).get("lookalike-champions")).containsExactly("n");
    }
}
