package io.shopsense.audience;

import static io.shopsense.audience.Customers.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static AudienceDefinition parse(String json) throws InvalidRuleException {
        return RuleParser.parse("raw/audiences/t.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Condition where(String condition) throws InvalidRuleException {
        return parse("{\"name\":\"t\",\"where\":" + condition + "}").condition();
    }

    @Test
    void segmentIn_matchesListedSegmentsOnly_andNeverACustomerWithoutPurchases() throws Exception {
        Condition c = where("{\"field\":\"segment\",\"in\":[\"Champions\",\"At Risk\"]}");

        assertThat(c.test(customer("a").segment(Segment.CHAMPIONS).build())).isTrue();
        assertThat(c.test(customer("b").segment(Segment.AT_RISK).build())).isTrue();
        assertThat(c.test(customer("c").segment(Segment.LOYAL).build())).isFalse();
        assertThat(c.test(customer("d").browserOnly().build())).isFalse();
    }

    @Test
    void clvBounds_areInclusive() throws Exception {
        Condition c = where("{\"field\":\"clv\",\"gte\":100,\"lte\":200}");

        assertThat(c.test(customer("a").clv(100).build())).isTrue();
        assertThat(c.test(customer("b").clv(200).build())).isTrue();
        assertThat(c.test(customer("c").clv(99.99).build())).isFalse();
        assertThat(c.test(customer("d").clv(200.01).build())).isFalse();
        assertThat(c.describe()).isEqualTo("100 <= clv <= 200");
    }

    @Test
    void churnAtLeast() throws Exception {
        Condition c = where("{\"field\":\"churn\",\"gte\":0.7}");

        assertThat(c.test(customer("a").churn(0.7).build())).isTrue();
        assertThat(c.test(customer("b").churn(0.69).build())).isFalse();
    }

    @Test
    void affinity_readsTheNamedCategory_andAbsentCountsAsZero() throws Exception {
        Condition c = where("{\"field\":\"affinity\",\"category\":\"MUGS\",\"gte\":0.5}");

        assertThat(c.test(customer("a").affinity("MUGS", 0.5).build())).isTrue();
        assertThat(c.test(customer("b").affinity("MUGS", 0.4).affinity("VASES", 9).build())).isFalse();
        assertThat(c.test(customer("c").build())).isFalse();
        assertThat(where("{\"field\":\"affinity\",\"category\":\"MUGS\",\"lte\":0}").test(customer("c").build()))
                .isTrue();
    }

    @Test
    void daysSinceLastOrder_countsFromTheProfileDate_andIsUnknownWithoutOrders() throws Exception {
        Condition c = where("{\"field\":\"daysSinceLastOrder\",\"lte\":30}");

        assertThat(c.test(customer("a").lastOrder(Customers.AS_OF.minusDays(30)).build())).isTrue();
        assertThat(c.test(customer("b").lastOrder(Customers.AS_OF.minusDays(31)).build())).isFalse();
        assertThat(c.test(customer("c").browserOnly().build())).isFalse();
    }

    @Test
    void ordersAtLeast() throws Exception {
        Condition c = where("{\"field\":\"orders\",\"gte\":3}");

        assertThat(c.test(customer("a").orders(3).build())).isTrue();
        assertThat(c.test(customer("b").orders(2).build())).isFalse();
    }

    @Test
    void allAndAny_combine_andNest() throws Exception {
        Condition c = where("{\"all\":[{\"field\":\"segment\",\"in\":[\"Loyal\"]},"
                + "{\"any\":[{\"field\":\"clv\",\"gte\":100},{\"field\":\"orders\",\"gte\":5}]}]}");
        Profile loyalRich = customer("a").segment(Segment.LOYAL).clv(150).build();
        Profile loyalFrequent = customer("b").segment(Segment.LOYAL).orders(5).build();
        Profile loyalNeither = customer("c").segment(Segment.LOYAL).clv(10).orders(2).build();
        Profile richNotLoyal = customer("d").segment(Segment.CHAMPIONS).clv(500).build();

        assertThat(c.test(loyalRich)).isTrue();
        assertThat(c.test(loyalFrequent)).isTrue();
        assertThat(c.test(loyalNeither)).isFalse();
        assertThat(c.test(richNotLoyal)).isFalse();
        assertThat(c.describe()).isEqualTo("segment in [Loyal] and (clv >= 100 or orders >= 5)");
    }

    @Test
    void unknownField_isRejectedNamingTheField() {
        assertThatThrownBy(() -> where("{\"all\":[{\"field\":\"clv\",\"gte\":1},{\"field\":\"age\",\"gte\":30}]}"))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("where.all[1].field: unknown field \"age\"")
                .extracting(e -> ((InvalidRuleException) e).field()).isEqualTo("where.all[1].field");
    }

    @Test
    void wrongType_isRejectedNamingTheField() {
        assertThatThrownBy(() -> where("{\"field\":\"clv\",\"gte\":\"100\"}"))
                .hasMessage("where.gte: must be a number, was \"100\"");
        assertThatThrownBy(() -> where("{\"field\":\"orders\",\"gte\":2.5}"))
                .hasMessage("where.gte: must be a whole number, was 2.5");
        assertThatThrownBy(() -> where("{\"field\":\"segment\",\"in\":\"Loyal\"}"))
                .hasMessageStartingWith("where.in: required for segment");
    }

    @Test
    void emptySets_areRejectedNamingTheField() {
        assertThatThrownBy(() -> where("{\"field\":\"segment\",\"in\":[]}")).hasMessage("where.in: must not be empty");
        assertThatThrownBy(() -> where("{\"any\":[]}")).hasMessage("where.any: must not be empty");
    }

    @Test
    void otherMistakes_eachGetAReasonNamingTheField() {
        assertThatThrownBy(() -> where("{\"field\":\"segment\",\"in\":[\"Loyal\",\"VIP\"]}"))
                .hasMessageStartingWith("where.in[1]: unknown segment \"VIP\"");
        assertThatThrownBy(() -> where("{\"field\":\"clv\"}")).hasMessageStartingWith("where.gte: a bound is required");
        assertThatThrownBy(() -> where("{\"field\":\"clv\",\"gte\":5,\"lte\":1}")).hasMessageStartingWith("where.lte:");
        assertThatThrownBy(() -> where("{\"field\":\"clv\",\"gte\":5,\"gt\":1}"))
                .hasMessageStartingWith("where.gt: unknown key");
        assertThatThrownBy(() -> where("{\"field\":\"affinity\",\"gte\":1}")).hasMessageStartingWith("where.category:");
        assertThatThrownBy(() -> parse("{\"name\":\"Big Spenders\",\"where\":{\"field\":\"clv\",\"gte\":1}}"))
                .hasMessageStartingWith("name: must be lower-case");
        assertThatThrownBy(() -> parse("{\"name\":\"x\"}")).hasMessageStartingWith("where: required");
        assertThatThrownBy(() -> parse("{\"name\":\"x\",\"name\":\"y\",\"where\":{\"field\":\"clv\",\"gte\":1}}"))
                .hasMessageStartingWith("file: not valid JSON");
        assertThatThrownBy(() -> parse("{\"name\":\"x\",\"where\":{\"field\":\"clv\",\"gte\":1}} {}"))
                .hasMessageStartingWith("file: not valid JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessageStartingWith("file: must be a JSON object");
    }

    @Test
    void deepNesting_isRejectedNotOverflowed() {
        String deep = "{\"field\":\"clv\",\"gte\":1}";
        for (int i = 0; i < RuleParser.MAX_DEPTH; i++) {
            deep = "{\"all\":[" + deep + "]}";
        }
        String tooDeep = deep;
        assertThatThrownBy(() -> where(tooDeep)).hasMessageContaining("nested deeper than");
    }
}
