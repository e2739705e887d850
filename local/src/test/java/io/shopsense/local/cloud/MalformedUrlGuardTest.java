package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MalformedUrlGuardTest {

    @Test
    void targetsTheJdkServerCanRoute_pass() {
        assertThat(MalformedUrlGuard.targetProblem("GET /users/a%20b/recommendations?n=5&x=%E2%82%AC HTTP/1.1")).isNull();
        assertThat(MalformedUrlGuard.targetProblem("POST /events HTTP/1.1")).isNull();
    }

    @Test
    void badEscapes_illegalCharacters_spacesAndNonPaths_areNamed() {
        assertThat(MalformedUrlGuard.targetProblem("GET /users/%zz/profile HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /users/% HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /a|b HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /a b HTTP/1.1")).contains("no spaces");
        assertThat(MalformedUrlGuard.targetProblem("GET http://elsewhere/ HTTP/1.1")).contains("starting with /");
    }

    @Test
    void gatewayDecoding_isStrict_andPlusIsASpaceInTheQueryOnly() {
        assertThat(HttpApiGateway.decode("a%20b+c", false)).isEqualTo("a b+c");
        assertThat(HttpApiGateway.decode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(HttpApiGateway.decode("%E2%82%AC", false)).isEqualTo("€");
        assertThatThrownBy(() -> HttpApiGateway.decode("%E2%82", false)).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> HttpApiGateway.decode("%4", false)).hasMessageContaining("percent-escape");
    }
}
