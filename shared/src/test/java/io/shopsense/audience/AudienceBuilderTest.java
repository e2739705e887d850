package io.shopsense.audience;

import static io.shopsense.audience.Customers.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AudienceBuilderTest {
    private static final String ANN = EmailAddresses.pseudonym(" Ann@Example.com");

    private static List<AudienceDefinition> rules(String... files) {
        TreeMap<String, byte[]> map = new TreeMap<>();
        for (int i = 0; i < files.length; i++) {
            map.put("raw/audiences/" + i + ".json", files[i].getBytes(StandardCharsets.UTF_8));
        }
        ShopRules.Result result = ShopRules.read(map);
        assertThat(result.rejected()).isEmpty();
        return result.audiences();
    }

    @Test
    void erasedCustomers_appearInNoAudience_andDoNotMoveTheThresholds() {
        List<Profile> profiles = List.of(customer("keep").segment(Segment.CHAMPIONS).clv(10).build(),
                customer("gone").segment(Segment.CHAMPIONS).clv(1000).build(),
                customer("low").segment(Segment.LOYAL).clv(1).build());

        AudienceSet set = AudienceBuilder.build(profiles, rules("{\"name\":\"all\",\"where\":{\"field\":\"clv\",\"gte\":0}}"),
                Set.of("gone")::contains);

        assertThat(set.customers()).isEqualTo(2);
        assertThat(set.audiences()).allSatisfy(a -> assertThat(a.members()).noneMatch(m -> m.userId().equals("gone")));
        assertThat(AudienceBuilder.byName(set).get("high-value").members()).extracting(Audience.Member::userId)
                .containsExactly("keep");
    }

    @Test
    void members_areOrderedByClvThenId_withSegmentAndTheFullEmailHash() {
        List<Profile> profiles = List.of(customer("b").segment(Segment.LOYAL).clv(5).build(),
                customer(ANN).segment(Segment.LOYAL).clv(5).build(),
                customer("a").segment(Segment.LOYAL).clv(9).build());

        Audience loyal = AudienceBuilder.byName(AudienceBuilder.build(profiles, List.of(), id -> false))
                .get("segment-loyal");

        assertThat(loyal.members()).extracting(Audience.Member::userId).containsExactly("a", "b", ANN);
        assertThat(loyal.members().get(2).emailHash())
                .isEqualTo("71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476") // sha256("ann@example.com")
                .isEqualTo(ANN.substring(2));
        assertThat(loyal.members().get(0).segment()).isEqualTo("Loyal");
        assertThat(loyal.withEmail()).isEqualTo(1);
        assertThat(loyal.targetable()).isFalse();
    }

    @Test
    void targetable_fromAHundredHashedEmails() {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            profiles.add(customer(EmailAddresses.pseudonym("c" + i + "@shop.test")).segment(Segment.LOST).build());
        }
        profiles.add(customer("no-email").segment(Segment.LOST).build());

        Map<String, Audience> set = AudienceBuilder.byName(AudienceBuilder.build(profiles, List.of(), id -> false));

        assertThat(set.get("segment-lost").targetable()).isTrue();
        assertThat(set.get("segment-lost").size()).isEqualTo(101);
        assertThat(set.get("segment-lost").withEmail()).isEqualTo(100);
    }

    @Test
    void overlaps_countSharedCustomers_andJaccard_forEveryPairThatShares() {
        List<Profile> profiles = List.of(customer("a").segment(Segment.LOYAL).clv(50).build(),
                customer("b").segment(Segment.LOYAL).clv(40).build(),
                customer("c").segment(Segment.LOST).clv(30).build());
        List<AudienceDefinition> shop = rules(
                "{\"name\":\"rich\",\"where\":{\"field\":\"clv\",\"gte\":40}}",
                "{\"name\":\"some\",\"where\":{\"field\":\"clv\",\"gte\":35}}");

        AudienceSet set = AudienceBuilder.build(profiles, shop, id -> false);

        AudienceSet.Overlap loyalRich = set.overlaps().stream()
                .filter(o -> o.a().equals("segment-loyal") && o.b().equals("rich")).findFirst().orElseThrow();
        assertThat(loyalRich.shared()).isEqualTo(2);
        assertThat(loyalRich.jaccard()).isCloseTo(1.0, within(1e-12));
        java.util.Optional<AudienceSet.Overlap> lostSome = set.overlaps().stream()
                .filter(o -> o.a().equals("segment-lost") && o.b().equals("some")).findFirst();
        assertThat(lostSome).isEmpty(); // c (30) is not in "some" (≥ 35): no shared customer, no entry
        assertThat(set.overlaps()).noneMatch(o -> o.shared() == 0);
        assertThat(set.inAny()).isEqualTo(3);
    }

    @Test
    void sameInputInAnotherOrder_givesTheSameSet() {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            profiles.add(customer("u" + i).segment(Segment.values()[i % 8]).clv(i % 7).alive(i / 30.0)
                    .affinity("K" + (i % 3), i).behaviour(i, 1 + i % 4, 10 + i, 5 + i % 3, i % 5).build());
        }
        List<Profile> shuffled = new ArrayList<>(profiles);
        Collections.shuffle(shuffled, new java.util.Random(7));

        assertThat(AudienceBuilder.build(shuffled, List.of(), id -> false))
                .isEqualTo(AudienceBuilder.build(profiles, List.of(), id -> false));
    }
}
