package io.shopsense.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutAssignmentTest {

    @Test
    void place_isTheFirst53BitsOfSha256OfCampaignNewlineCustomer() {
        // sha256("spring\n17850") starts 9580a294ad973134; 0x9580a294ad973134 >>> 11 = 5259282580843110 → / 2^53
        assertThat(HoldoutAssignment.place("spring", "17850")).isCloseTo(0.5839940655692686, within(1e-15));
        // sha256("autumn\n17850") starts 723fae5eb37275a2: the same customer lands elsewhere in another campaign
        assertThat(HoldoutAssignment.place("autumn", "17850")).isCloseTo(0.44628419696841504, within(1e-15));
    }

    @Test
    void inHoldout_comparesThePlaceWithTheShare() {
        assertThat(HoldoutAssignment.inHoldout("spring", "17850", 0.58)).isFalse();
        assertThat(HoldoutAssignment.inHoldout("spring", "17850", 0.59)).isTrue();
    }

    @Test
    void split_isDeterministic_disjoint_complete_andSorted() {
        List<String> members = new ArrayList<>(IntStream.range(0, 2_000).mapToObj(i -> "c" + i).toList());
        members.add("c7"); // a duplicate collapses to one member

        HoldoutAssignment.Split once = HoldoutAssignment.split("spring", members, 0.1);
        java.util.Collections.reverse(members);
        HoldoutAssignment.Split again = HoldoutAssignment.split("spring", members, 0.1);

        assertThat(again).isEqualTo(once);
        Set<String> both = new HashSet<>(once.treatment());
        both.retainAll(once.holdout());
        assertThat(both).isEmpty();
        assertThat(once.members()).isEqualTo(2_000);
        assertThat(once.treatment()).isSorted();
        assertThat(once.holdout()).isSorted();
        // 2,000 fair draws at 10%: 200 ± 3 standard deviations (13.4)
        assertThat(once.holdout().size()).isBetween(160, 240);
    }

    @Test
    void split_refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> HoldoutAssignment.split("x", List.of("a"), 0)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> HoldoutAssignment.split("x", List.of("a"), 1)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
