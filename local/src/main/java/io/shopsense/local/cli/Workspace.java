package io.shopsense.local.cli;

import io.shopsense.local.LocalSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the command line finds the project and keeps local state: the project root (from {@code -Dshopsense.home},
 * set by {@code ./shopsense}, else the working directory), its {@code template.yaml}, {@code .shopsense/} for the local
 * cloud's data, and a cache for the npm-installed dynalite ({@code SHOPSENSE_CACHE} or {@code ~/.cache/shopsense}).
 */
record Workspace(Path home, Path template, Path state, Path cache) {

    static Workspace detect() {
        Path home = LocalSettings.home();
        return new Workspace(home, home.resolve("template.yaml"), home.resolve(".shopsense"),
                LocalSettings.cacheDirectory());
    }

    /** The file describing a running {@code local up}: endpoints, tokens and pid (owner-only). */
    Path runningFile() {
        return state.resolve("local.json");
    }

    /** The local issuer's private signing key (a JWK, owner-only): whoever reads it can mint any API token. */
    Path signingKeyFile() {
        return state.resolve("signing-key.jwk");
    }

    void requireTemplate() {
        if (!Files.isRegularFile(template)) {
            throw new UsageException("no template.yaml at " + template + "; run ./shopsense from the project root");
        }
    }
}
