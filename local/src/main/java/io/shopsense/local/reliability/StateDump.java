package io.shopsense.local.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.template.Specs.TableSpec;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * @param units   userId → units in the customer's stored profile, to count rows lost or doubled against a reference
 */
public record StateDump(Map<String, String> items, Map<String, String> objects, Map<String, Long> units) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ledger's bookkeeping times: when a delivery finished and when DynamoDB TTL may forget it. */
    public static final Set<String> LEDGER_TIMES = Set.of("finishedAt", "expiresAt");

    public StateDump {
        items = Map.copyOf(items);
        objects = Map.copyOf(objects);
        units = Map.copyOf(units);
    }

    /** Scans every table the template declares and lists the whole bucket, with the cloud's own (direct) clients. */
    public static StateDump of(LocalCloud cloud, Set<String> ignoredAttributes) throws IOException {
        Map<String, String> items = new TreeMap<>();
        Map<String, Long> units = new TreeMap<>();
        try (DynamoDbClient dynamoDb = cloud.dynamoDbClient(); S3Client s3 = cloud.s3Client()) {
            for (TableSpec table : cloud.template().tables()) {
                List<String> keyNames = table.keys().stream().map(k -> k.name()).toList();
                dynamoDb.scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().forEach(item -> {
                    StringBuilder key = new StringBuilder(table.logicalId());
                    keyNames.forEach(name -> key.append('/').append(render(item.get(name))));
                    StringBuilder rendered = new StringBuilder();
                    new TreeMap<>(item).forEach((name, value) -> {
                        if (!ignoredAttributes.contains(name)) {
                            rendered.append(name).append('=').append(render(value)).append("; ");
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
                }
            }
            Map<String, String> objects = new TreeMap<>();
            s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents()
                    .forEach(o -> objects.put(o.key(), o.eTag().replace("\"", "")));
            return new StateDump(items, objects, units);
        }
    }

    /** What differs from {@code expected}, one line per item or object (at most {@code limit} of each). */
    public List<String> differences(StateDump expected, int limit) {
        List<String> lines = new ArrayList<>();
        compare("item", expected.items, items, lines, limit);
        compare("object", expected.objects, objects, lines, lines.size() + limit);
        return lines;
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
                lines.add("changed " + what + " " + key + ": expected " + abbreviate(want) + " but was "
                        + abbreviate(got));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String render(AttributeValue value) {
        if (value == null) {
            return "null";
        }
        if (value.b() != null) {
            return "B:" + sha256(value.b().asByteArray());
        }
        if (value.hasM()) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(value.m()).forEach((k, v) -> out.append(k).append(':').append(render(v)).append(','));
            return out.append('}').toString();
        }
        if (value.hasL()) {
            return value.l().stream().map(StateDump::render).toList().toString();
        }
        if (value.hasSs()) {
            return "SS:" + new TreeSet<>(value.ss());
        }
        if (value.hasNs()) {
            return "NS:" + new TreeSet<>(value.ns());
        }
        return value.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
