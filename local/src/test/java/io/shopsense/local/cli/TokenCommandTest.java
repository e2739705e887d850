package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.ApiTokens;
import io.shopsense.local.cloud.JwtAuthorizer;
import io.shopsense.local.template.StackTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./shopsense token} in a project of its own: the token it prints is one the gateway's authoriser accepts; and
 * the running cloud's file, which holds tokens, is its owner's alone.
 */
class TokenCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String originalHome;

    @BeforeEach
    void inAProjectOfItsOwn() throws Exception {
        Files.copy(Path.of("../template.yaml"), home.resolve("template.yaml"));
        originalHome = System.getProperty("shopsense.home");
        System.setProperty("shopsense.home", home.toString());
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (originalHome == null) {
            System.clearProperty("shopsense.home");
        } else {
            System.setProperty("shopsense.home", originalHome);
        }
    }

    @Test
    void aCustomersStorefrontToken_isAcceptedOnStorefrontRoutesOnly_withTheCustomerClaim() throws Exception {
        int exit = ShopsenseCli.run("token", "--scope", "storefront", "--customer", "12347", "--ttl", "30m");

        assertThat(exit).isZero();
        JsonNode printed = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        var spec = StackTemplate.load(home.resolve("template.yaml"), "shopsense", Map.of()).jwtAuthorizer().orElseThrow();
        JwtAuthorizer authorizer = new JwtAuthorizer(spec,
                ApiTokens.loadOrCreate(home.resolve(".shopsense/signing-key.jwk")), Clock.systemUTC());
        List<String> header = List.of("Bearer " + printed.path("token").asText());
        assertThat(authorizer.authorize(header, List.of("storefront", "admin")).claims())
                .containsEntry("customer_id", "12347").containsEntry("scope", "storefront");
        assertThat(authorizer.authorize(header, List.of("admin")).status()).isEqualTo(403);
        assertThat(printed.path("scope").asText()).isEqualTo("storefront");
    }

    @Test
    void theRunningCloudsFile_holdingTokens_isReadableByItsOwnerOnly() throws Exception {
        Workspace workspace = Workspace.detect();
        Files.createDirectories(workspace.state());
        Files.setPosixFilePermissions(workspace.state(), PosixFilePermissions.fromString("rwxr-xr-x"));

        CloudLauncher.recordRunning(workspace, Map.of("pid", 1, "tokens", Map.of("backOffice", "t")));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.runningFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.state())))
                .isEqualTo("rwx------");
        assertThat(JSON.readTree(workspace.runningFile().toFile()).at("/tokens/backOffice").asText()).isEqualTo("t");
    }

    @Test
    void badUsage_exits2() {
        assertThat(ShopsenseCli.run("token", "--scope", "root")).isEqualTo(ShopsenseCli.EXIT_USAGE);
        assertThat(ShopsenseCli.run("token", "--scope", "admin", "--customer", "12347")).isEqualTo(ShopsenseCli.EXIT_USAGE);
        assertThat(ShopsenseCli.run("token", "--scope", "storefront", "--customer", "a/b")).isEqualTo(ShopsenseCli.EXIT_USAGE);
        assertThat(ShopsenseCli.run("token", "--scope", "admin", "--ttl", "forever")).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }

    @Test
    void ttl_acceptsShortFormsAndIso_withinThirtyDays() {
        assertThat(TokenCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TokenCommand.duration("PT45M")).isEqualTo(Duration.ofMinutes(45));
        assertThatThrownBy(() -> TokenCommand.duration("31d")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> TokenCommand.duration("0s")).isInstanceOf(UsageException.class);
    }
}
