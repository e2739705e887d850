package io.shopsense.pipeline;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingDataTest {
    private static final Instant TS = Instant.parse("2024-03-01T10:00:00Z");

    private static Event event(String id, String item, String sourceId) {
        return Event.builder(id, "u1", item, EventType.PURCHASE, TS).price(5, "GBP").source(sourceId, 1).build();
    }

    @Test
    void listedItems_areTheCatalogueWhenTheShopHasOne() {
        Item mug = new Item("MUG", "mug", null, 5, true, true);
        TrainingData data = new TrainingData(List.of(event("e1", "MUG", "s1"), event("e2", "OTHER", "s1")),
                List.of(mug));

        assertThat(data.listedItems()).containsExactly(mug);
    }

    @Test
    void listedItems_withoutACatalogue_areTheItemsOfUploadedExportsNeverOfLiveEvents() {
        // given an events export naming A and B, and a live event (no source) naming X
        TrainingData data = new TrainingData(List.of(event("e1", "A", "export-1"), event("e2", "B", "export-1"),
                event("e3", "A", "export-2"), event("live-1", "X", null)), List.of());

        assertThat(data.listedItems()).extracting(Item::itemId).containsExactly("A", "B");
        assertThat(data.listedItems()).allSatisfy(item -> assertThat(item.isProduct() && item.inStock()).isTrue());
    }
}
