package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic shop with planted structure, for tests and scaling benchmarks: users belong to one of {@code clusters}
 * taste groups, items to one of as many categories; a user draws {@code preference} of their interactions from their
 * group's category (Zipf-like within it) and the rest from the whole catalogue (Zipf-like over all items, which gives
 * popularity its fair share). Titles carry words of their category, so content has signal too. Scale multiplies the
 * users only, with the same events per user and the same catalogue: the density (interactions / (users × items))
 * and the per-user history stay constant while interactions grow linearly.
 *
 * @param events    interactions over {@code days} days ending at {@code end}
 * @param catalogue every item, all products in stock
 */
public record PlantedDataset(List<Event> events, List<Item> catalogue, Instant end) {
    private static final String[] WORDS = {"amber", "birch", "cedar", "dune", "ember", "fjord", "grove", "heath",
            "iris", "jade", "kelp", "lotus", "maple", "nova", "opal", "pine"};

    public PlantedDataset {
        events = List.copyOf(events);
        catalogue = List.copyOf(catalogue);
    }

    /** 1,000 users × scale, 400 items, 8 clusters, 30 events per user over 180 days, 80 % within the cluster. */
    public static PlantedDataset generate(int scale, long seed) {
        return generate(1000 * scale, 400, 8, 30, 0.8, 180, seed);
    }

    /** Fully parameterised generator; deterministic for a seed. */
    public static PlantedDataset generate(int users, int items, int clusters, int eventsPerUser, double preference,
                                          int days, long seed) {
        Random random = new Random(seed);
        Instant end = Instant.parse("2024-01-01T00:00:00Z");
        List<Item> catalogue = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            int c = i % clusters;
            String word = WORDS[c % WORDS.length];
            catalogue.add(new Item("i" + i, word + " " + (c >= WORDS.length ? "series" + c + " " : "") + "item " + i,
                    "cat-" + c, 5 + i % 20, true, true));
        }
        int perCluster = (items + clusters - 1) / clusters;
        List<Event> events = new ArrayList<>(users * eventsPerUser);
        long row = 0;
        for (int u = 0; u < users; u++) {
            int c = u % clusters;
            String userId = "u" + u;
            for (int e = 0; e < eventsPerUser; e++) {
                int item;
                if (random.nextDouble() < preference) {
                    int rank = zipf(random, perCluster);
                    item = Math.min(items - 1, c + clusters * rank);
                } else {
                    item = zipf(random, items);
                }
                double r = random.nextDouble();
                EventType type = r < 0.5 ? EventType.VIEW : r < 0.7 ? EventType.CART : EventType.PURCHASE;
                Instant ts = end.minus(Duration.ofSeconds((long) (random.nextDouble() * days * 86_400L)));
                row++;
                events.add(new Event("s" + row, userId, "i" + item, type, 1, 10, "EUR", ts, null, null, null,
                        "planted", row));
            }
        }
        return new PlantedDataset(events, catalogue, end);
    }

    /** A rank in [0, n) with probability proportional to 1 / (rank + 1). */
    private static int zipf(Random random, int n) {
        double harmonic = Math.log(n) + 0.5772;
        double target = random.nextDouble() * harmonic;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            if (sum >= target) {
                return k;
            }
        }
        return n - 1;
    }
}
