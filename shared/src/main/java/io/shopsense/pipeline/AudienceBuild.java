package io.shopsense.pipeline;

import io.shopsense.audience.Audience;
import io.shopsense.audience.AudienceBuilder;
import io.shopsense.audience.AudienceExports;
import io.shopsense.audience.AudienceSet;
import io.shopsense.audience.ShopRules;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Profile;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ProfileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * build-audiences: every audience from the current profiles and the shop's rule files, published for the API (member
 * pages, then the index) and for the ad platforms (exports). Erased customers are skipped even if a profile of theirs
 * is still there. The same profiles and rules write the same bytes to the same keys, so a replay changes nothing.
 */
public final class AudienceBuild {
    /** Members per page object; the API's largest page, so one request reads at most two objects. */
    public static final int PAGE_SIZE = 100;

    /** What a build did. */
    public record Outcome(String status, String asOf, int customers, int audiences, int rejectedRules) {
        public static final String BUILT = "built";
        public static final String NO_PROFILES = "no-profiles";
    }

    private final ObjectStore bucket;
    private final ProfileStore profiles;
    private final Supplier<Predicate<String>> erased;

    /**
     * @param erased read once per build: whether a customer id has been erased
     */
    public AudienceBuild(ObjectStore bucket, ProfileStore profiles, Supplier<Predicate<String>> erased) {
        this.bucket = bucket;
        this.profiles = profiles;
        this.erased = erased;
    }

    /** The erasure records (keyed hashes), listed when a build starts. */
    public static Supplier<Predicate<String>> erasedIn(Erasures erasures) {
        return () -> erasures.load()::contains;
    }

    public Outcome build() throws IOException {
        List<Profile> current = new ArrayList<>();
        profiles.scan(stored -> {
            if (stored.profile() != null) {
                current.add(stored.profile());
            }
        });
        if (current.isEmpty()) {
            return new Outcome(Outcome.NO_PROFILES, null, 0, 0, 0);
        }
        ShopRules.Result rules = ShopRules.read(ruleFiles());
        AudienceSet set = AudienceBuilder.build(current, rules.audiences(), erased.get());
        Map<String, Integer> pagesBefore = new LinkedHashMap<>();
        index(bucket).ifPresent(before -> before.audiences().forEach(e -> pagesBefore.put(e.name(), e.pages())));
        List<AudienceIndex.Entry> entries = new ArrayList<>();
        for (Audience audience : set.audiences()) {
            entries.add(publish(audience, set, pagesBefore.getOrDefault(audience.name(), 0)));
            pagesBefore.remove(audience.name());
        }
        // Audiences that are gone (a rule removed, a category out of the top five) keep no member pages behind.
        pagesBefore.forEach((name, pages) -> blankPages(name, 0, pages));
        AudienceIndex index = new AudienceIndex(set.asOf(), set.customers(), set.inAny(), PAGE_SIZE, entries,
                set.overlaps(), new AudienceIndex.Rules(
                        rules.audiences().stream().map(a -> a.source()).toList(), rules.rejected()));
        bucket.put(Layout.AUDIENCE_INDEX_KEY, Json.write(index).getBytes(StandardCharsets.UTF_8), "application/json");
        return new Outcome(Outcome.BUILT, set.asOf().toString(), set.customers(), entries.size(),
                rules.rejected().size());
    }

    /** Exports and member pages of one audience; returns its index entry. */
    private AudienceIndex.Entry publish(Audience audience, AudienceSet set, int pagesBefore) {
        Map<String, String> exports = new LinkedHashMap<>();
        for (String file : List.of(AudienceExports.META, AudienceExports.GOOGLE, AudienceExports.IDS)) {
            String key = Layout.audienceExportKey(audience.name(), set.asOf(), file);
            bucket.put(key, AudienceExports.file(audience, file), "text/csv");
            exports.put(file.substring(0, file.indexOf('.')), key);
        }
        int pages = writePages(audience, pagesBefore);
        return new AudienceIndex.Entry(audience.name(), audience.kind(), audience.definition(), audience.size(),
                audience.withEmail(), audience.size() - audience.withEmail(), audience.targetable(), pages, exports,
                audience.meanClv());
    }

    /**
     * The member pages of one audience; returns how many. Pages past the new count that an earlier, larger version
     * wrote are overwritten empty, so no member (an erased one above all) outlives the audience's shrinking.
     */
    private int writePages(Audience audience, int pagesBefore) {
        List<Audience.Member> members = audience.members();
        int pages = (members.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        for (int page = 0; page < pages; page++) {
            List<AudienceIndex.PageMember> slice = members.subList(page * PAGE_SIZE,
                            Math.min(members.size(), (page + 1) * PAGE_SIZE)).stream()
                    .map(m -> new AudienceIndex.PageMember(m.userId(), m.segment(), m.clv())).toList();
            bucket.put(Layout.audienceMembersKey(audience.name(), page),
                    Json.write(new AudienceIndex.Page(audience.name(), page, slice)).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        blankPages(audience.name(), pages, pagesBefore);
        return pages;
    }

    /** Overwrites pages {@code [from, to)} of an audience with empty pages (PutObject only: nothing to delete). */
    private void blankPages(String audience, int from, int to) {
        for (int page = from; page < to; page++) {
            bucket.put(Layout.audienceMembersKey(audience, page),
                    Json.write(new AudienceIndex.Page(audience, page, List.of())).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
    }

    /**
     * Removes erased customers from what earlier builds published: their lines in every export of every date (an id in
     * {@code ids.csv}; in the platform files, the hash of a pseudonym {@code e_{hash}} that is erased), and their place in
     * the member pages, with the index's sizes and overlaps recomputed. A second call finds nothing.
     *
     * @return lines and members removed
     */
    public long forget(Predicate<String> erased) throws IOException {
        long removed = 0;
        for (ObjectStore.ObjectInfo info : bucket.list(Layout.AUDIENCE_EXPORTS)) {
            String text;
            try (InputStream in = bucket.open(info.key())) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean ids = info.key().endsWith("/" + AudienceExports.IDS);
            StringBuilder kept = new StringBuilder();
            long dropped = 0;
            boolean header = true;
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                String id = ids ? AudienceExports.unquote(line) : EmailAddresses.PREFIX + line;
                if (!header && erased.test(id)) {
                    dropped++;
                } else {
                    kept.append(line).append('\n');
                }
                header = false;
            }
            if (dropped > 0) {
                bucket.put(info.key(), kept.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
                removed += dropped;
            }
        }
        Optional<AudienceIndex> published = index(bucket);
        if (published.isEmpty()) {
            return removed;
        }
        AudienceIndex index = published.get();
        List<Audience> audiences = new ArrayList<>();
        java.util.Set<String> erasedMet = new java.util.HashSet<>();
        boolean changed = false;
        for (AudienceIndex.Entry entry : index.audiences()) {
            List<Audience.Member> kept = new ArrayList<>();
            for (AudienceIndex.PageMember m : members(bucket, index, entry, 0, entry.size())) {
                if (erased.test(m.userId())) {
                    erasedMet.add(m.userId());
                    continue;
                }
                kept.add(new Audience.Member(m.userId(), m.segment(), m.clv(),
                        EmailAddresses.addressHash(m.userId()).orElse(null)));
            }
            Audience audience = new Audience(entry.name(), entry.kind(), entry.definition(), kept);
            if (kept.size() < entry.size()) {
                changed = true;
                removed += entry.size() - kept.size();
                writePages(audience, entry.pages());
            }
            audiences.add(audience);
        }
        if (changed) {
            List<AudienceIndex.Entry> entries = new ArrayList<>();
            for (int i = 0; i < audiences.size(); i++) {
                Audience a = audiences.get(i);
                AudienceIndex.Entry before = index.audiences().get(i);
                entries.add(new AudienceIndex.Entry(a.name(), a.kind(), a.definition(), a.size(), a.withEmail(),
                        a.size() - a.withEmail(), a.targetable(), (a.size() + PAGE_SIZE - 1) / PAGE_SIZE,
                        before.exports(), a.meanClv()));
            }
            java.util.Set<String> inAny = new java.util.HashSet<>();
            audiences.forEach(a -> a.members().forEach(m -> inAny.add(m.userId())));
            AudienceIndex after = new AudienceIndex(index.asOf(), index.customers() - erasedMet.size(), inAny.size(),
                    index.pageSize(), entries, AudienceBuilder.overlaps(audiences), index.rules());
            bucket.put(Layout.AUDIENCE_INDEX_KEY, Json.write(after).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        return removed;
    }

    /** Every object under {@code raw/audiences/}, by key; anything but a {@code .json} file is rejected with a reason. */
    private SortedMap<String, byte[]> ruleFiles() throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (ObjectStore.ObjectInfo info : bucket.list(Layout.AUDIENCE_RULES)) {
            if (info.key().endsWith("/")) {
                continue; // a folder marker some consoles create
            }
            if (!info.key().endsWith(".json")) {
                files.put(info.key(), new byte[] {'x'}); // read as not-JSON: rejected with the file named
                continue;
            }
            try (InputStream in = bucket.open(info.key())) {
                files.put(info.key(), in.readNBytes(io.shopsense.audience.RuleParser.MAX_BYTES + 1));
            }
        }
        return files;
    }

    /** The newest index, if a build has run. */
    public static Optional<AudienceIndex> index(ObjectStore bucket) throws IOException {
        if (bucket.find(Layout.AUDIENCE_INDEX_KEY).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = bucket.open(Layout.AUDIENCE_INDEX_KEY)) {
            return Optional.of(Json.MAPPER.readValue(in, AudienceIndex.class));
        }
    }

    /** Members {@code [offset, offset + limit)} of an audience the index lists, reading one or two page objects. */
    public static List<AudienceIndex.PageMember> members(ObjectStore bucket, AudienceIndex index,
                                                         AudienceIndex.Entry entry, int offset, int limit)
            throws IOException {
        List<AudienceIndex.PageMember> out = new ArrayList<>();
        int pageSize = index.pageSize();
        int end = Math.min(entry.size(), offset + limit);
        for (int page = offset / pageSize; page * pageSize < end; page++) {
            AudienceIndex.Page stored;
            try (InputStream in = bucket.open(Layout.audienceMembersKey(entry.name(), page))) {
                stored = Json.MAPPER.readValue(in, AudienceIndex.Page.class);
            }
            for (int i = 0; i < stored.members().size(); i++) {
                int position = page * pageSize + i;
                if (position >= offset && position < end) {
                    out.add(stored.members().get(i));
                }
            }
        }
        return out;
    }
}
