package io.shopsense.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.model.RfmScore;
import io.shopsense.model.Segment;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentRulesTest {

    @Test
    void segmentOf_readsTheDocumentedGrid() {
        assertThat(SegmentRules.segmentOf(5, 5)).isEqualTo(Segment.CHAMPIONS);
        assertThat(SegmentRules.segmentOf(4, 4)).isEqualTo(Segment.LOYAL);
        assertThat(SegmentRules.segmentOf(3, 5)).isEqualTo(Segment.LOYAL);
        assertThat(SegmentRules.segmentOf(5, 2)).isEqualTo(Segment.POTENTIAL_LOYALIST);
        assertThat(SegmentRules.segmentOf(5, 1)).isEqualTo(Segment.NEW);
        assertThat(SegmentRules.segmentOf(3, 2)).isEqualTo(Segment.NEED_ATTENTION);
        assertThat(SegmentRules.segmentOf(1, 5)).isEqualTo(Segment.AT_RISK);
        assertThat(SegmentRules.segmentOf(2, 1)).isEqualTo(Segment.HIBERNATING);
        assertThat(SegmentRules.segmentOf(1, 1)).isEqualTo(Segment.LOST);
    }

    @Test
    void segmentOf_ignoresMonetaryScore() {
        assertThat(SegmentRules.segmentOf(new RfmScore(5, 5, 1))).isEqualTo(SegmentRules.segmentOf(5, 5));
    }

    @Test
    void grid_coversEveryCellAndReachesEverySegment() {
        Set<Segment> seen = EnumSet.noneOf(Segment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                seen.add(SegmentRules.segmentOf(r, f));
            }
        }

        assertThat(seen).containsExactlyInAnyOrder(Segment.values());
    }

    @Test
    void segmentOf_rejectsScoresOutsideOneToFive() {
        assertThatThrownBy(() -> SegmentRules.segmentOf(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markdownTable_listsTheRowsBestRecencyFirst() {
        assertThat(SegmentRules.markdownTable())
                .contains("| 5 | New | Potential Loyalist | Potential Loyalist | Champions | Champions |")
                .contains("| 1 | Lost | Lost | At Risk | At Risk | At Risk |");
    }

    @Test
    void segmentOf_isNullForCustomerWithoutScores() {
        assertThat(SegmentRules.segmentOf((RfmScore) null)).isNull();
    }
}
