package io.shopsense.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShopRulesTest {

    private static TreeMap<String, byte[]> files(String... keyAndJson) {
        TreeMap<String, byte[]> map = new TreeMap<>();
        for (int i = 0; i < keyAndJson.length; i += 2) {
            map.put(keyAndJson[i], keyAndJson[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return map;
    }

    @Test
    void aFileWithOneBadCondition_contributesNothing_theOthersStillApply() {
        ShopRules.Result result = ShopRules.read(files(
                "raw/audiences/a.json", "{\"name\":\"good\",\"where\":{\"field\":\"clv\",\"gte\":1}}",
                "raw/audiences/b.json", "{\"name\":\"half\",\"where\":{\"all\":[{\"field\":\"clv\",\"gte\":1},"
                        + "{\"field\":\"segment\",\"in\":[]}]}}"));

        assertThat(result.audiences()).extracting(AudienceDefinition::name).containsExactly("good");
        assertThat(result.rejected()).containsExactly(new ShopRules.Rejected("raw/audiences/b.json",
                "where.all[1].in", "where.all[1].in: must not be empty"));
    }

    @Test
    void builtInNames_andRepeatedNames_areRejected() {
        ShopRules.Result result = ShopRules.read(files(
                "raw/audiences/a.json", "{\"name\":\"vip\",\"where\":{\"field\":\"clv\",\"gte\":1}}",
                "raw/audiences/b.json", "{\"name\":\"vip\",\"where\":{\"field\":\"clv\",\"gte\":2}}",
                "raw/audiences/c.json", "{\"name\":\"high-value\",\"where\":{\"field\":\"clv\",\"gte\":2}}"));

        assertThat(result.audiences()).extracting(AudienceDefinition::source).containsExactly("raw/audiences/a.json");
        assertThat(result.rejected()).extracting(ShopRules.Rejected::reason).containsExactly(
                "name: \"vip\" is already defined by raw/audiences/a.json",
                "name: \"high-value\" is reserved for built-in audiences (segment-*, category-*, high-value, "
                        + "win-back, lookalike-champions, new-customers)");
    }
}
