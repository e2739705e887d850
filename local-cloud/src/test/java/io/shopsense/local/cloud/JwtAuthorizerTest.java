package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import io.shopsense.local.template.Specs.JwtAuthorizerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void aReusedToken_isVerifiedOnce_yetExpiresOnTime_andKeepsItsRouteScopes() throws Exception {
        CountingVerifier verifier = new CountingVerifier(new ECDSAVerifier(key.toPublicJWK()));
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        JwtAuthorizer authorizer = new JwtAuthorizer(SPEC, verifier, new MovingClock(now));
        String token = "Bearer " + tokens.mint("storefront", Optional.of("12347"), Duration.ofMinutes(5));

        assertThat(authorizer.authorize(List.of(token), List.of("storefront")).allowed()).isTrue();
        JwtAuthorizer.Decision again = authorizer.authorize(List.of(token), List.of("storefront"));
        JwtAuthorizer.Decision wrongRoute = authorizer.authorize(List.of(token), List.of("admin"));
        now.set(NOW.plusSeconds(300));
        JwtAuthorizer.Decision expired = authorizer.authorize(List.of(token), List.of("storefront"));

        assertThat(verifier.calls.get()).isEqualTo(1);
        assertThat(again.allowed()).isTrue();
        assertThat(again.claims()).containsEntry("customer_id", "12347");
        assertThat(wrongRoute.status()).isEqualTo(403);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.message()).contains("expired");
    }

    @Test
    void aKnownTokensClaimsUnderAnotherSignature_areVerifiedAfresh_andRefused() {
        JwtAuthorizer authorizer = at(NOW);
        String genuine = tokens.backOffice();
        String payload = genuine.substring(0, genuine.lastIndexOf('.'));
        String forged = new ApiTokens(ApiTokens.newKey(), SPEC, Clock.fixed(NOW, ZoneOffset.UTC)).backOffice();
        String forgedSignature = forged.substring(forged.lastIndexOf('.'));

        assertThat(authorizer.authorize(List.of("Bearer " + genuine), List.of()).allowed()).isTrue();
        assertThat(authorizer.authorize(List.of("Bearer " + payload + forgedSignature), List.of()).message())
                .contains("signature");
    }

    /** The real ES256 verifier, counting the signatures it checks. */
    private static final class CountingVerifier implements JWSVerifier {
        private final JWSVerifier delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingVerifier(JWSVerifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            calls.incrementAndGet();
            return delegate.verify(header, signingInput, signature);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return delegate.supportedJWSAlgorithms();
        }

        @Override
        public JCAContext getJCAContext() {
            return delegate.getJCAContext();
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now;

        MovingClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
