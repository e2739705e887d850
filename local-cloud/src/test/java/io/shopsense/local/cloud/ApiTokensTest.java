package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
    @TempDir
    Path home;

    @Test
    void theSigningKey_isMadeOnce_readableByItsOwnerOnly_inAnOwnerOnlyDirectory() throws Exception {
        Path file = home.resolve(".shopsense/signing-key.jwk");

        ECKey made = ApiTokens.loadOrCreate(file);
        ECKey loaded = ApiTokens.loadOrCreate(file);

        assertThat(loaded).isEqualTo(made);
        assertThat(loaded.isPrivate()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aKeyFileOthersCouldRead_isMadeOwnerOnlyWhenLoaded() throws Exception {
        Path file = home.resolve("key.jwk");
        ApiTokens.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ApiTokens.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
