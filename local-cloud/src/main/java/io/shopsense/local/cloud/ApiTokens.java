package io.shopsense.local.cloud;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopsense.http.Caller;
import io.shopsense.local.template.Specs.JwtAuthorizerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The local cloud's stand-in for the shop's identity provider: an ES256 key that signs API tokens for the template's
 * JWT authoriser (its issuer and first audience), with the caller's scope and, for a signed-in customer, the
 * {@value Caller#CUSTOMER_CLAIM} claim. The gateway verifies them with the public half ({@link JwtAuthorizer}).
 */
public final class ApiTokens {
    /** How long a token lives unless asked otherwise (an hour, as Cognito's access tokens by default). */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final ECKey key;
    private final JwtAuthorizerSpec authorizer;
    private final Clock clock;

    public ApiTokens(ECKey key, JwtAuthorizerSpec authorizer, Clock clock) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("minting tokens needs the private key");
        }
        this.key = key;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** A fresh P-256 signing key with a random key id. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK offers no P-256 key generator", e);
        }
    }

    /**
     * The key kept in {@code file} (a private JWK), made on first use: the file is readable by its owner only and
     * its directory is the owner's alone, since whoever reads it can mint back-office tokens.
     */
    public static ECKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            ownerOnly(file, "rw-------");
            try {
                return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new IOException(file + " is not an EC private key in JWK form; delete it to make a new one");
            }
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        ownerOnly(directory, "rwx------");
        ECKey key = newKey();
        Path temporary = Files.createTempFile(directory, ".signing-key", ".tmp");
        ownerOnly(temporary, "rw-------"); // before the secret is written, not after
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    /** Sets POSIX permissions where the file system has them (a no-op elsewhere). */
    public static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
    }

    /** A back-office token: every route. */
    public String backOffice() {
        return mint(Caller.BACK_OFFICE_SCOPE, Optional.empty(), DEFAULT_TTL);
    }

    /** A storefront token for an anonymous visitor: storefront routes, no customer's own data. */
    public String storefront() {
        return mint(Caller.STOREFRONT_SCOPE, Optional.empty(), DEFAULT_TTL);
    }

    /** A storefront token for a signed-in customer: storefront routes, that customer's own data. */
    public String storefront(String customerId) {
        return mint(Caller.STOREFRONT_SCOPE, Optional.of(customerId), DEFAULT_TTL);
    }

    /** A signed token with this scope, optionally naming a customer, valid for {@code ttl} from now. */
    public String mint(String scope, Optional<String> customerId, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(authorizer.issuer())
                .audience(authorizer.audiences().get(0))
                .subject(customerId.orElse(scope.equals(Caller.BACK_OFFICE_SCOPE) ? "back-office" : "storefront"))
                .claim("scope", scope)
                .claim("token_use", "access")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        customerId.ifPresent(id -> claims.claim(Caller.CUSTOMER_CLAIM, id));
        return sign(claims.build(), key);
    }

    /** Signs any claims with any key: for tests that need a token the authoriser must refuse. */
    public static String sign(JWTClaimsSet claims, ECKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with an ES256 key", e);
        }
        return jwt.serialize();
    }

    public JwtAuthorizerSpec authorizer() {
        return authorizer;
    }
}
