package io.shopsense.local.reliability;

import io.shopsense.pipeline.Layout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.template.Specs.TableSpec;
import io.shopsense.model.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything a local cloud holds, comparable: every item of every table (a full scan, attributes sorted, binary
 * values as SHA-256) and every object of the bucket (key and ETag). Two dumps are equal when the stores are.
 *
 * @param items   {@code table/key} → the item's attributes rendered in order
 * @param objects object key → ETag
 * @param units    userId → units in the customer's stored profile, to count rows lost or doubled against a reference
 * @param profiles userId → the customer's stored profile, as the API serves it
 */
public record StateDump(Map<String, String> items, Map<String, String> objects, Map<String, Long> units,
                        Map<String, JsonNode> profiles) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Erasure records are named by a keyed hash, which differs between two stacks: compared by content only. */
    private static final String KEYED_ERASURE_RECORDS = Layout.KEYED_ERASURES;
    /** The ledger's bookkeeping times: when a delivery finished and when DynamoDB TTL may forget it. */

    public StateDump {
        items = Map.copyOf(items);
        objects = Map.copyOf(objects);
        units = Map.copyOf(units);
        profiles = Map.copyOf(profiles);
    }

    /**
     * Scans every table the template declares and lists the whole bucket, with the cloud's own (direct) clients.
     *
     * @param ignoredAttributes item attributes, and fields of JSON objects, left out of the comparison; empty for
     *                          an exact dump (then objects are compared by ETag alone); when not empty, keyed
     *                          erasure records are compared by content, not by their secret-dependent names
     */
    public static StateDump of(LocalCloud cloud, Set<String> ignoredAttributes) throws IOException {
        Map<String, String> items = new TreeMap<>();
        Map<String, Long> units = new TreeMap<>();
        Map<String, JsonNode> profileDocuments = new TreeMap<>();
        try (DynamoDbClient dynamoDb = cloud.dynamoDbClient(); S3Client s3 = cloud.s3Client()) {
            for (TableSpec table : cloud.template().tables()) {
                List<String> keyNames = table.keys().stream().map(k -> k.name()).toList();
                dynamoDb.scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().forEach(item -> {
                    StringBuilder key = new StringBuilder(table.logicalId());
                    keyNames.forEach(name -> key.append('/').append(render(item.get(name), Set.of())));
                    StringBuilder rendered = new StringBuilder();
                    new TreeMap<>(item).forEach((name, value) -> {
                        if (!ignoredAttributes.contains(name)) {
                            rendered.append(name).append('=').append(render(value, ignoredAttributes)).append("; ");
                        }
                    });
                    items.put(key.toString(), rendered.toString());
                });
            }
            String profiles = cloud.tableName("ProfilesTable");
            for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(profiles)
                    .consistentRead(true)).items()) {
                if (item.containsKey("profile")) {
                    JsonNode profile = JSON.readTree(item.get("profile").s());
                    units.put(item.get("userId").s(), profile.path("units").asLong());
                    profileDocuments.put(item.get("userId").s(), profile);
                }
            }
            Map<String, String> objects = new TreeMap<>();
            List<String> keyedRecords = new ArrayList<>();
            for (var o : s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents()) {
                String eTag = o.eTag().replace("\"", "");
                if (!ignoredAttributes.isEmpty() && o.key().endsWith(".json")) {
                    // JSON documents are compared by content without the ignored fields (ETags cover every byte).
                    JsonNode document = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                            .key(o.key())).asByteArray());
                    strip(document, ignoredAttributes);
                    eTag = "json:" + Sha256.hex(JSON.writeValueAsBytes(document), 8);
                }
                if (!ignoredAttributes.isEmpty() && o.key().startsWith(KEYED_ERASURE_RECORDS)) {
                    keyedRecords.add(eTag); // named by a keyed hash: each run's stack has its own secret
                } else {
                    objects.put(o.key(), eTag);
                }
            }
            keyedRecords.sort(null);
            for (int i = 0; i < keyedRecords.size(); i++) {
                objects.put(KEYED_ERASURE_RECORDS + "(record " + (i + 1) + ")", keyedRecords.get(i));
            }
            return new StateDump(items, objects, units, profileDocuments);
        }
    }

    private static void strip(JsonNode node, Set<String> names) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(names);
        }
        node.forEach(child -> strip(child, names));
    }

    /** What differs from {@code expected}, one line per item or object (at most {@code limit} of each). */
    public List<String> differences(StateDump expected, int limit) {
        List<String> lines = new ArrayList<>();
        compare("item", expected.items, items, lines, limit);
        compare("object", expected.objects, objects, lines, lines.size() + limit);
        return lines;
    }

    /**
     * Customers whose profile differs from {@code expected}'s beyond floating-point rounding (sums of the same
     * amounts in another order differ in the last bits), one line each, at most {@code limit}.
     */
    public List<String> profileDifferences(StateDump expected, int limit) {
        List<String> lines = new ArrayList<>();
        Set<String> users = new TreeSet<>(expected.profiles.keySet());
        users.addAll(profiles.keySet());
        for (String user : users) {
            JsonNode want = expected.profiles.get(user);
            JsonNode got = profiles.get(user);
            String where = want == null || got == null ? "" : firstMismatch(want, got, "");
            if (want == null || got == null || !where.isEmpty()) {
                lines.add("customer " + user + (want == null ? " is extra" : got == null ? " is missing"
                        : " differs at " + where));
                if (lines.size() >= limit) {
                    break;
                }
            }
        }
        return lines;
    }

    private static String firstMismatch(JsonNode want, JsonNode got, String path) {
        if (want.isNumber() && got.isNumber()) {
            double a = want.asDouble();
            double b = got.asDouble();
            return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))) ? ""
                    : path + " (" + a + " vs " + b + ")";
        }
        if (want.isContainerNode() && got.isContainerNode() && want.size() == got.size()) {
            if (want.isArray()) {
                for (int i = 0; i < want.size(); i++) {
                    String found = firstMismatch(want.get(i), got.get(i), path + "/" + i);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
                return "";
            }
            for (var names = want.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String found = got.has(name) ? firstMismatch(want.get(name), got.get(name), path + "/" + name)
                        : path + "/" + name;
                if (!found.isEmpty()) {
                    return found;
                }
            }
            return "";
        }
        return want.equals(got) ? "" : path + " (" + want + " vs " + got + ")";
    }

    /** Units in {@code expected}'s profiles that this state lacks (rows lost). */
    public long unitsLost(StateDump expected) {
        long lost = 0;
        for (Map.Entry<String, Long> e : expected.units.entrySet()) {
            lost += Math.max(0, e.getValue() - units.getOrDefault(e.getKey(), 0L));
        }
        return lost;
    }

    /** Units this state's profiles have beyond {@code expected}'s (rows doubled). */
    public long unitsDoubled(StateDump expected) {
        return expected.unitsLost(this);
    }

    private static void compare(String what, Map<String, String> expected, Map<String, String> actual,
                                List<String> lines, int limit) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (lines.size() >= limit) {
                return;
            }
            String want = expected.get(key);
            String got = actual.get(key);
            if (want == null) {
                lines.add("extra " + what + " " + key);
            } else if (got == null) {
                lines.add("missing " + what + " " + key);
            } else if (!want.equals(got)) {
                int at = firstDifference(want, got);
                lines.add("changed " + what + " " + key + " at character " + at + ": expected …"
                        + around(want, at) + "… but was …" + around(got, at) + "…");
            }
        }
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 120));
    }

    private static String render(AttributeValue value, Set<String> ignored) {
        if (value == null) {
            return "null";
        }
        if (value.b() != null) {
            return "B:" + Sha256.hex(value.b().asByteArray(), 8);
        }
        if (value.hasM()) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(value.m()).forEach((k, v) -> {
                if (!ignored.contains(k)) {
                    out.append(k).append(':').append(render(v, ignored)).append(',');
                }
            });
            return out.append('}').toString();
        }
        if (value.hasL()) {
            return value.l().stream().map(v -> render(v, ignored)).toList().toString();
        }
        if (value.hasSs()) {
            return "SS:" + new TreeSet<>(value.ss());
        }
        if (value.hasNs()) {
            return "NS:" + new TreeSet<>(value.ns());
        }
        return value.toString();
    }
}
