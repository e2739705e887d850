package io.shopsense.local.cli;

import io.shopsense.audience.Audience;
import io.shopsense.audience.AudienceBuilder;
import io.shopsense.audience.AudienceExports;
import io.shopsense.audience.AudienceSet;
import io.shopsense.audience.ShopRules;
import io.shopsense.model.Profile;
import io.shopsense.store.Json;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audiences --profiles FILE [--rules DIR] --out DIR}: build-audiences' code over profiles as
 * {@code profiles --out} writes them. Writes {@code DIR/audiences.json} and, per audience,
 * {@code DIR/exports/{name}/ids.csv}, {@code meta.csv} and {@code google.csv}. An invalid rule file is a usage error
 * (exit 2, one line naming the file and the field): the command applies all the rules or none.
 */
@Command(name = "audiences", description = "Build every audience from profiles (and rule files) with their exports.")
final class AudiencesCommand implements Callable<Integer> {
    @Option(names = "--profiles", required = true, description = "Profiles as JSON Lines (profiles --out FILE).")
    Path profiles;

    @Option(names = "--rules", description = "Directory of audience rule files (*.json).")
    Path rules;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Profile> loaded = readProfiles(profiles);
        ShopRules.Result shop = ShopRules.read(readRules(rules));
        if (!shop.rejected().isEmpty()) {
            ShopRules.Rejected first = shop.rejected().get(0);
            throw new UsageException("invalid audience rule file " + first.source() + ": " + first.reason());
        }
        AudienceSet set = AudienceBuilder.build(loaded, shop.audiences(), id -> false);
        List<Map<String, Object>> listing = new ArrayList<>();
        for (Audience audience : set.audiences()) {
            Path folder = Files.createDirectories(out.resolve("exports").resolve(audience.name()));
            Map<String, String> exports = new LinkedHashMap<>();
            for (String file : List.of(AudienceExports.META, AudienceExports.GOOGLE, AudienceExports.IDS)) {
                Files.write(folder.resolve(file), AudienceExports.file(audience, file));
                // a path under DIR, as the command's output lists it (not a bucket key)
                exports.put(file.substring(0, file.indexOf('.')),
                        out.relativize(folder.resolve(file)).toString().replace(java.io.File.separatorChar, '/'));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", audience.name());
            entry.put("definition", audience.definition());
            entry.put("size", audience.size());
            entry.put("targetable", audience.targetable());
            entry.put("exports", exports);
            listing.add(entry);
        }
        Files.writeString(out.resolve("audiences.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(listing) + "\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("asOf", set.asOf().toString());
        summary.put("customers", set.customers());
        summary.put("inAnyAudience", set.inAny());
        summary.put("audiences", listing.size());
        summary.put("shopAudiences", shop.audiences().size());
        summary.put("out", out.toAbsolutePath().toString());
        Output.result(summary);
        return 0;
    }

    private static List<Profile> readProfiles(Path file) throws Exception {
        List<Profile> profiles = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    profiles.add(Json.read(line, Profile.class));
                } catch (RuntimeException e) {
                    throw new UsageException("line " + number + " of " + file + " is not a profile as `profiles"
                            + " --out` writes it");
                }
            }
        }
        return profiles;
    }

    private static TreeMap<String, byte[]> readRules(Path dir) throws Exception {
        TreeMap<String, byte[]> files = new TreeMap<>();
        if (dir == null) {
            return files;
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--rules must be a directory of *.json rule files: " + dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
