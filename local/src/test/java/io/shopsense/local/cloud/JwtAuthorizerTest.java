package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.shopsense.local.template.Specs.JwtAuthorizerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAuthorizerTest {
    private static final JwtAuthorizerSpec SPEC = new JwtAuthorizerSpec("JwtAuthorizer", "https://issuer.example",
            List.of("shopsense", "other-client"));
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private final ECKey key = ApiTokens.newKey();
    private final ApiTokens tokens = new ApiTokens(key, SPEC, Clock.fixed(NOW, ZoneOffset.UTC));

    private JwtAuthorizer at(Instant now) {
        return new JwtAuthorizer(SPEC, key, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aStorefrontCustomerToken_passesStorefrontRoutes_withItsClaimsAsApiGatewayGivesThem() {
        JwtAuthorizer.Decision decision = at(NOW).authorize(List.of("Bearer " + tokens.storefront("12347")),
                List.of("storefront", "admin"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.scopes()).containsExactly("storefront");
        assertThat(decision.claims()).containsEntry("customer_id", "12347").containsEntry("aud", "shopsense")
                .containsEntry("iss", "https://issuer.example")
                .containsEntry("exp", Long.toString(NOW.plus(ApiTokens.DEFAULT_TTL).getEpochSecond()));
    }

    @Test
    void aTokenWithoutTheRoutesScope_is403_andAnyScopeWillDoWhereTheRouteListsNone() {
        JwtAuthorizer authorizer = at(NOW);

        assertThat(authorizer.authorize(List.of("Bearer " + tokens.storefront()), List.of("admin")).status())
                .isEqualTo(403);
        assertThat(authorizer.authorize(List.of("Bearer " + tokens.backOffice()), List.of("admin")).status())
                .isEqualTo(200);
        assertThat(authorizer.authorize(List.of("Bearer " + tokens.storefront()), List.of()).status()).isEqualTo(200);
    }

    @Test
    void expiry_isCheckedAgainstTheClock_toTheSecond() {
        String token = tokens.mint("admin", Optional.empty(), Duration.ofMinutes(5));

        assertThat(at(NOW.plusSeconds(299)).authorize(List.of("Bearer " + token), List.of()).allowed()).isTrue();
        assertThat(at(NOW.plusSeconds(300)).authorize(List.of("Bearer " + token), List.of()).message())
                .contains("expired");
    }

    @Test
    void noHeader_twoHeaders_orSomethingElse_are401() {
        JwtAuthorizer authorizer = at(NOW);
        String token = "Bearer " + tokens.backOffice();

        assertThat(authorizer.authorize(null, List.of()).status()).isEqualTo(401);
        assertThat(authorizer.authorize(List.of(token, token), List.of()).message()).contains("exactly one");
        assertThat(authorizer.authorize(List.of("Bearer " + token.substring(7, 40)), List.of()).status())
                .isEqualTo(401);
        assertThat(new JwtAuthorizer(SPEC, ApiTokens.newKey(), Clock.fixed(NOW, ZoneOffset.UTC))
                .authorize(List.of(token), List.of()).message()).contains("signature");
    }
}
