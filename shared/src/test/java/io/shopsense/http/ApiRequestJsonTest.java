package io.shopsense.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiRequestJsonTest {

    @Test
    void parseJson_plainObject_isRead() {
        assertThat(ApiRequest.parseJson(" {\"a\":1,\"b\":{\"a\":2}} \n").path("b").path("a").asInt()).isEqualTo(2);
    }

    @Test
    void parseJson_duplicateKey_is400NamingTheKey() {
        assertThatThrownBy(() -> ApiRequest.parseJson("{\"userId\":\"a\",\"userId\":\"b\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("body has the key \"userId\" twice in one object");
                });
        assertThatThrownBy(() -> ApiRequest.parseJson("{\"events\":[{\"type\":\"view\",\"type\":\"purchase\"}]}"))
                .hasMessageContaining("\"type\" twice");
    }

    @Test
    void parseJson_trailingContent_is400() {
        for (String body : new String[] {"{\"a\":1} {\"a\":2}", "{\"a\":1}]", "{\"a\":1} garbage", "[1] 2"}) {
            assertThatThrownBy(() -> ApiRequest.parseJson(body)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.getMessage()).startsWith("body has text after its JSON value"));
        }
    }

    @Test
    void parseJson_malformedOrEmpty_is400() {
        assertThatThrownBy(() -> ApiRequest.parseJson("{\"a\":")).hasMessageStartingWith("body is not valid JSON");
        assertThatThrownBy(() -> ApiRequest.parseJson("   ")).hasMessageStartingWith("body is empty");
    }

    @Test
    void checkId_usesTheOneIdRule() {
        assertThat(ApiRequest.checkId("id", "BANK CHARGES")).isEqualTo("BANK CHARGES");
        assertThatThrownBy(() -> ApiRequest.checkId("userId", "a\r\nb"))
                .hasMessageStartingWith("userId holds a control character");
    }
}
