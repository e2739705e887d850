package io.shopsense.profile;

import static io.shopsense.profile.Events.event;
import static io.shopsense.profile.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProfileRebuildTest {

    private final ProfileConfig config = ProfileConfig.defaults();

    @Test
    void rebuild_onCdnow_fitsPublishedModelsAndProfilesEveryone() {
        ProfileRebuild.Result result = new ProfileRebuild(config).rebuild(CdnowFixture.events(),
                CdnowFixture.CALIBRATION_END);

        assertThat(result.profiles()).hasSize(2357);
        assertThat(result.models().bgNbd().model().r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(result.models().bgNbd().logLikelihood()).isCloseTo(-9582.4, within(0.5));
        assertThat(result.models().gammaGamma().model().p()).isCloseTo(6.25, withinPercentage(2));
        assertThat(result.segmentCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2357);
        assertThat(result.profiles()).allSatisfy(p -> {
            assertThat(p.probabilityAlive()).isBetween(0.0, 1.0);
            assertThat(p.churnProbability()).isBetween(0.0, 1.0);
            assertThat(p.clv12Months()).isGreaterThanOrEqualTo(0.0);
            assertThat(p.expectedPurchases30()).isLessThanOrEqualTo(p.expectedPurchases90());
        });
    }

    @Test
    void rebuild_ignoresEventsAfterAsOf() {
        List<Event> events = List.of(
                purchase("1", "u", "i", 1, 10, "2024-03-01T10:00:00Z", "o1", "s"),
                purchase("2", "u", "i", 1, 10, "2024-03-31T23:59:59Z", "o2", "s"),
                purchase("3", "u", "i", 1, 10, "2024-04-01T00:00:00Z", "o3", "s"));

        Profile profile = new ProfileRebuild(config).rebuild(events, LocalDate.of(2024, 3, 31)).profiles().get(0);

        assertThat(profile.orders()).isEqualTo(2);
        assertThat(profile.recencyDays()).isZero();
    }

    @Test
    void incrementalFold_scoresLikeRebuild_andReplayChangesNothing() {
        List<Event> fileA = tinyShop("A", "2024-02");
        List<Event> fileB = tinyShop("B", "2024-03");
        LocalDate asOf = LocalDate.of(2024, 3, 31);
        ProfileRebuild rebuild = new ProfileRebuild(config);
        ProfileRebuild.Result full = rebuild.rebuild(concat(fileA, fileB), asOf);

        ProfileFolder folder = new ProfileFolder(config);
        Map<String, CustomerAggregate> stored = new TreeMap<>(folder.foldAll(Map.of(), fileA));
        stored.putAll(folder.foldAll(stored, fileB));
        Map<String, CustomerAggregate> replay = folder.foldAll(stored, fileB);
        ProfileScorer scorer = new ProfileScorer(config, full.models());

        assertThat(replay).isEmpty();
        for (Profile expected : full.profiles()) {
            Profile actual = scorer.score(stored.get(expected.userId()), asOf);
            assertThat(actual.orders()).isEqualTo(expected.orders());
            assertThat(actual.segment()).isEqualTo(expected.segment());
            assertThat(actual.clv12Months()).isCloseTo(expected.clv12Months(), within(1e-9));
            assertThat(actual.engagementScore()).isCloseTo(expected.engagementScore(), within(1e-9));
        }
    }

    @Test
    void rebuild_givesRecentFrequentBuyerChampionAndLapsedOneTimerLost() {
        List<Event> events = new ArrayList<>();
        // Five customers: c1 buys 5 times up to the as-of day, c5 once long ago.
        for (int c = 1; c <= 5; c++) {
            for (int k = 0; k < 6 - c; k++) {
                String day = String.format("2024-%02d-%02dT12:00:00Z", 3 - (c - 1) / 2, 28 - 5 * k - c);
                events.add(purchase("c" + c + "-" + k, "c" + c, "i", 1, 10.0 * (6 - c), day, null, "s"));
            }
        }
        events.add(event("v", "browser", "i", EventType.VIEW, "2024-03-30T12:00:00Z", null, "s"));

        ProfileRebuild.Result result = new ProfileRebuild(config).rebuild(events, LocalDate.of(2024, 3, 31));
        Map<String, Profile> byUser = new HashMap<>();
        result.profiles().forEach(p -> byUser.put(p.userId(), p));

        assertThat(byUser.get("c1").rfm().code()).isEqualTo("555");
        assertThat(byUser.get("c1").segment()).isEqualTo(Segment.CHAMPIONS);
        assertThat(byUser.get("c5").rfm().code()).isEqualTo("111");
        assertThat(byUser.get("c5").segment()).isEqualTo(Segment.LOST);
        assertThat(byUser.get("browser").segment()).isNull();
        assertThat(byUser.get("browser").churnProbability()).isEqualTo(1.0);
    }

    /** Three customers buying and browsing in one month, as one source file. */
    private static List<Event> tinyShop(String source, String month) {
        return List.of(
                purchase(source + "1", "u1", "mug", 2, 5.0, month + "-03T10:00:00Z", source + "-o1", source),
                purchase(source + "2", "u1", "lamp", 1, 30.0, month + "-17T19:00:00Z", source + "-o2", source),
                purchase(source + "3", "u2", "mug", 1, 5.0, month + "-05T08:00:00Z", source + "-o3", source),
                event(source + "4", "u2", "lamp", EventType.VIEW, month + "-06T08:00:00Z", "email", source),
                purchase(source + "5", "u3", "plate", 4, 2.5, month + "-20T12:00:00Z", null, source),
                event(source + "6", "u3", "plate", EventType.REFUND, month + "-21T12:00:00Z", "web", source));
    }

    private static List<Event> concat(List<Event> a, List<Event> b) {
        List<Event> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
