package io.shopsense.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.AdAllocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocations document keeps a targeted cell's audience and leaves an untargeted cell's bytes alone. */
class AdPlanJsonAudienceTest {
    @Test
    void allocations_roundTripTheAudience_andWriteNoneForAnUntargetedCell() {
        List<AdAllocation> cells = List.of(new AdAllocation("search", 9, 12.5, 40, 1.5, 0.1, 0.8, "win-back"),
                new AdAllocation("search", 10, 7.5, 40, 0.5, 0.1, 0.8));

        String text = AdPlanJson.allocationsText(cells);

        assertThat(AdPlanJson.readAllocations(text)).isEqualTo(cells);
        assertThat(text).isEqualTo("[{\"audience\":\"win-back\",\"channel\":\"search\",\"hour\":9,\"budget\":12.5,"
                + "\"capacity\":40.0,\"expectedConversions\":1.5,\"conversionRate\":0.1,\"costPerClick\":0.8},"
                + "{\"channel\":\"search\",\"hour\":10,\"budget\":7.5,\"capacity\":40.0,\"expectedConversions\":0.5,"
                + "\"conversionRate\":0.1,\"costPerClick\":0.8}]");
    }
}
