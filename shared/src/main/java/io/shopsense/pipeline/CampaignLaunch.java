package io.shopsense.pipeline;

import io.shopsense.audience.Audience;
import io.shopsense.audience.AudienceExports;
import io.shopsense.campaign.CampaignDefinition;
import io.shopsense.campaign.HoldoutAssignment;
import io.shopsense.campaign.InvalidCampaignException;
import io.shopsense.campaign.TreatmentExport;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Item;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.RecommendationStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * launch-campaign: a definition uploaded to {@code raw/campaigns/} (and published by clean-upload to
 * {@code clean/campaigns/}) becomes a frozen split and the treatment group's export.
 * The members are the audience as build-audiences last published it, erased customers left out; the split is the
 * stable hash of campaign and customer ({@link HoldoutAssignment}). Order of writes: the assignment
 * ({@code campaigns/{id}/assignment/}), then the exports ({@code exports/campaigns/{id}/}), then
 * {@code campaigns/{id}/launch.json}, so nothing is exported before the split is stored, and a launch that failed
 * half-way is redone whole. A launched campaign is never launched again: a replayed definition changes nothing, and a
 * changed one is refused (the split is frozen; a new campaign needs a new id).
 */
public final class CampaignLaunch {
    /** What one launch did. */
    public record Outcome(String campaignId, String status, int treatment, int holdout, String field, String message) {
        public static final String LAUNCHED = "launched";
        public static final String ALREADY_LAUNCHED = "already-launched";
        public static final String REFUSED = "refused";
        public static final String REJECTED = "rejected";
        public static final String NOT_A_DEFINITION = "not-a-definition";
    }

    private final ObjectStore bucket;
    private final RecommendationStore recommendations;
    private final Supplier<Predicate<String>> erased;

    public CampaignLaunch(ObjectStore bucket, RecommendationStore recommendations, Supplier<Predicate<String>> erased) {
        this.bucket = bucket;
        this.recommendations = recommendations;
        this.erased = erased;
    }

    public Outcome launch(String definitionKey) throws IOException {
        Optional<String> keyId = Layout.campaignIdOfDefinition(definitionKey);
        if (keyId.isEmpty()) {
            return new Outcome(null, Outcome.NOT_A_DEFINITION, 0, 0, "key", definitionKey + " is not clean/campaigns/{id}.json");
        }
        String id = keyId.get();
        byte[] content;
        try (InputStream in = bucket.open(definitionKey)) {
            content = in.readNBytes(CampaignDefinition.MAX_BYTES + 1);
        }
        Optional<CampaignRecord> before = record(bucket, id);
        CampaignDefinition definition;
        try {
            definition = CampaignDefinition.parse(id, content);
        } catch (InvalidCampaignException e) {
            return reject(id, e.field(), e.getMessage(), before);
        }
        if (before.isPresent() && before.get().isLaunched()) {
            boolean same = before.get().definition().equals(definition);
            return new Outcome(id, same ? Outcome.ALREADY_LAUNCHED : Outcome.REFUSED, before.get().treatment(),
                    before.get().holdoutMembers(), same ? null : "body",
                    same ? null : "campaign " + id + " was launched with another definition; its split is frozen");
        }
        Optional<AudienceIndex> index = AudienceBuild.index(bucket);
        AudienceIndex.Entry entry = index.map(i -> i.entry(definition.audience())).orElse(null);
        if (entry == null) {
            return reject(id, "audience", "audience: no audience named " + definition.audience()
                    + (index.isEmpty() ? " (no audiences are built yet)" : ""), before);
        }
        Predicate<String> isErased = erased.get();
        Map<String, AudienceIndex.PageMember> members = new LinkedHashMap<>();
        for (AudienceIndex.PageMember m : AudienceBuild.members(bucket, index.get(), entry, 0, entry.size())) {
            if (!isErased.test(m.userId())) {
                members.put(m.userId(), m);
            }
        }
        HoldoutAssignment.Split split = HoldoutAssignment.split(id, members.keySet(), definition.holdout());
        bucket.put(Layout.campaignAssignmentKey(id, "treatment"), ids(split.treatment()), "text/csv");
        bucket.put(Layout.campaignAssignmentKey(id, "holdout"), ids(split.holdout()), "text/csv");
        List<String> exports = export(definition, split.treatment().stream().map(members::get).toList());
        bucket.put(Layout.campaignLaunchKey(id), Json.write(CampaignRecord.launched(definition,
                index.get().asOf().toString(), split.treatment().size(), split.holdout().size(), exports))
                .getBytes(StandardCharsets.UTF_8), "application/json");
        return new Outcome(id, Outcome.LAUNCHED, split.treatment().size(), split.holdout().size(), null, null);
    }

    private Outcome reject(String id, String field, String message, Optional<CampaignRecord> before) {
        if (before.isPresent() && before.get().isLaunched()) {
            // A launched campaign's record stays: a broken re-upload does not unlaunch it.
            return new Outcome(id, Outcome.REFUSED, before.get().treatment(), before.get().holdoutMembers(), field,
                    message);
        }
        bucket.put(Layout.campaignLaunchKey(id), Json.write(CampaignRecord.rejected(id, field, message))
                .getBytes(StandardCharsets.UTF_8), "application/json");
        return new Outcome(id, Outcome.REJECTED, 0, 0, field, message);
    }

    /** The exports of the treatment group; returns their keys. */
    private List<String> export(CampaignDefinition definition, List<AudienceIndex.PageMember> treated) {
        List<String> keys = new ArrayList<>();
        List<TreatmentExport.Member> rows = new ArrayList<>();
        RecommendedItems items = new RecommendedItems(definition.items());
        for (AudienceIndex.PageMember m : treated) {
            rows.add(new TreatmentExport.Member(m.userId(), EmailAddresses.addressHash(m.userId()).orElse(null),
                    definition.action().equals("email") ? items.of(m.userId()) : List.of()));
        }
        String key = Layout.campaignExportKey(definition.id(), TreatmentExport.FILE);
        bucket.put(key, TreatmentExport.csv(definition, rows), "text/csv");
        keys.add(key);
        if (definition.action().equals("ads")) {
            Audience audience = new Audience(definition.id(), Audience.SHOP, "treatment of campaign " + definition.id(),
                    treated.stream().map(m -> new Audience.Member(m.userId(), m.segment(), m.clv(),
                            EmailAddresses.addressHash(m.userId()).orElse(null))).toList());
            for (String file : List.of(AudienceExports.META, AudienceExports.GOOGLE)) {
                String platformKey = Layout.campaignExportKey(definition.id(), file);
                bucket.put(platformKey, AudienceExports.file(audience, file), "text/csv");
                keys.add(platformKey);
            }
        }
        return keys;
    }

    /** Each member's top recommendations with item names; the cold-start list for a member the build did not know. */
    private final class RecommendedItems {
        private final int limit;
        private final Map<String, String> names = new HashMap<>();
        private List<Recommendation> coldStart;

        RecommendedItems(int limit) {
            this.limit = limit;
        }

        List<TreatmentExport.Item> of(String userId) {
            List<Recommendation> list = recommendations.get(userId).map(UserRecommendations::items)
                    .filter(l -> !l.isEmpty()).orElseGet(this::coldStart);
            return list.stream().limit(limit).map(r -> new TreatmentExport.Item(r.itemId(), name(r.itemId()),
                    r.reason())).toList();
        }

        private List<Recommendation> coldStart() {
            if (coldStart == null) {
                coldStart = recommendations.get(RecommendationStore.COLD_START_USER)
                        .map(UserRecommendations::items).orElse(List.of());
            }
            return coldStart;
        }

        private String name(String itemId) {
            return names.computeIfAbsent(itemId, id -> recommendations.getItem(id).map(Item::title).orElse(""));
        }
    }

    private static byte[] ids(List<String> ids) {
        StringBuilder csv = new StringBuilder("customer_id\n");
        ids.forEach(id -> csv.append(AudienceExports.field(id)).append('\n'));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A campaign's launch record, if launch-campaign has seen its definition. */
    public static Optional<CampaignRecord> record(ObjectStore bucket, String campaignId) throws IOException {
        String key = Layout.campaignLaunchKey(campaignId);
        if (bucket.find(key).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = bucket.open(key)) {
            return Optional.of(Json.MAPPER.readValue(in, CampaignRecord.class));
        }
    }

    /** The frozen split of a launched campaign, read back from its assignment files. */
    public static HoldoutAssignment.Split split(ObjectStore bucket, CampaignRecord record) throws IOException {
        return new HoldoutAssignment.Split(record.campaignId(), record.holdout(),
                readIds(bucket, Layout.campaignAssignmentKey(record.campaignId(), "treatment")),
                readIds(bucket, Layout.campaignAssignmentKey(record.campaignId(), "holdout")));
    }

    private static List<String> readIds(ObjectStore bucket, String key) throws IOException {
        List<String> ids = new ArrayList<>();
        boolean header = true;
        try (InputStream in = bucket.open(key)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!header && !line.isEmpty()) {
                    ids.add(TreatmentExport.customerIdOf(line));
                }
                header = false;
            }
        }
        return ids;
    }

    /**
     * Removes erased customers from every launched campaign's assignment and exports (ids, and in the platform files
     * the hash of an erased {@code e_} pseudonym). A second call finds nothing.
     *
     * @return lines removed
     */
    public long forget(Predicate<String> isErased) throws IOException {
        long removed = 0;
        for (String prefix : List.of(Layout.CAMPAIGNS, Layout.CAMPAIGN_EXPORTS)) {
            for (ObjectStore.ObjectInfo info : bucket.list(prefix)) {
                if (info.key().endsWith(".csv")) {
                    removed += forgetLines(info.key(), isErased);
                }
            }
        }
        return removed;
    }

    private long forgetLines(String key, Predicate<String> isErased) throws IOException {
        String text;
        try (InputStream in = bucket.open(key)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean hashesOnly = key.endsWith("/" + AudienceExports.META) || key.endsWith("/" + AudienceExports.GOOGLE);
        StringBuilder kept = new StringBuilder();
        long dropped = 0;
        boolean header = true;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String id = hashesOnly ? EmailAddresses.PREFIX + line : TreatmentExport.customerIdOf(line);
            if (!header && isErased.test(id)) {
                dropped++;
            } else {
                kept.append(line).append('\n');
            }
            header = false;
        }
        if (dropped > 0) {
            bucket.put(key, kept.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        }
        return dropped;
    }
}
