package io.shopsense.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignDefinitionTest {

    @Test
    void parse_readsEveryField_andDefaultsTheHoldoutAndItems() throws Exception {
        CampaignDefinition d = CampaignDefinition.parse("autumn", bytes(
                "{\"audience\":\"win-back\",\"action\":\"email\",\"start\":\"2011-10-01\",\"end\":\"2011-10-31\","
                        + "\"offer\":\"AUTUMN10\"}"));

        assertThat(d).isEqualTo(new CampaignDefinition("autumn", "win-back", "email", LocalDate.of(2011, 10, 1),
                LocalDate.of(2011, 10, 31), 0.1, "AUTUMN10", 3));
        assertThat(d.window().days()).isEqualTo(31);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"email\",\"start\":\"2011-10-01\"}|end",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"sms\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\"}|action",
        "{\"id\":\"x\",\"audience\":\"A B\",\"action\":\"list\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\"}|audience",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"list\",\"start\":\"2011-10-01\",\"end\":\"2011-09-02\"}|end",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"list\",\"start\":\"1 Oct\",\"end\":\"2011-10-02\"}|start",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"list\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\",\"holdout\":0.9}|holdout",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"list\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\",\"offer\":\"X\"}|offer",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"email\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\",\"items\":11}|items",
        "{\"id\":\"x\",\"audience\":\"a\",\"action\":\"email\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\",\"colour\":1}|colour",
        "{\"audience\":\"a\",\"action\":\"email\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\"}|id",
        "[1, 2]|body",
    })
    void parse_namesTheFieldAtFault(String json, String field) {
        assertThatThrownBy(() -> CampaignDefinition.parse(null, bytes(json)))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void parse_refusesABodyIdThatDiffersFromTheFileName() {
        assertThatThrownBy(() -> CampaignDefinition.parse("autumn", bytes("{\"id\":\"spring\",\"audience\":\"a\","
                + "\"action\":\"list\",\"start\":\"2011-10-01\",\"end\":\"2011-10-02\"}")))
                .hasMessage("id: \"spring\" differs from the file name's \"autumn\"");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
