import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.reliability.ReliabilitySuite;
import io.shopsense.local.reliability.StateDump;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reliability suite's fault-free day as a file, and two such files compared (issue #14: "the state dumps from
 * before and after the refactor are equal on the same day"). Run by {@code .ci/compare-state-dumps}, on the source
 * launcher against a tree's own classpath, so one file serves any commit whose suite has the reference day:
 *
 * <pre>
 *   java -cp CLASSPATH .ci/StateDumpDay.java dump HOME CACHE OUT.json
 *   java -cp CLASSPATH .ci/StateDumpDay.java compare BEFORE.json AFTER.json [FIELD,FIELD...]
 * </pre>
 *
 * {@code dump} runs {@code ShopTraffic.runDay} on a fresh local cloud exactly as {@code ReliabilitySuite.referenceDay}
 * does (its private {@code start} and {@code traffic}, reached by reflection, because the cloud's options changed
 * shape during the refactor), then writes {@link StateDump#of} with the suite's run-dependent attributes ignored.
 * The dump adds each stored profile's aggregate (the fold's state, a gzipped JSON attribute the state dump only
 * hashes), decoded. {@code compare} prints what differs, grouped by table and by bucket prefix; profiles and
 * aggregates are compared decoded, up to floating-point rounding (as the suite compares two runs), so their items are
 * compared without them. FIELDs are JSON fields added since the before commit: left out of both sides.
 */
public final class StateDumpDay {
    /** The suite's RUN_DEPENDENT (ReliabilitySuite), fixed here so both sides ignore the same attributes. */
    static final Set<String> RUN_DEPENDENT = Set.of("version", "finishedAt", "expiresAt", "claimedAt", "erasedAt",
            "trainSeconds", "fitSeconds", "seconds", "userHash");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final int SHOWN_PER_GROUP = 5;

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("dump")) {
            dump(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        } else if ((args.length == 3 || args.length == 4) && args[0].equals("compare")) {
            Set<String> without = args.length == 4 && !args[3].isBlank() ? Set.of(args[3].split(",")) : Set.of();
            Path before = Path.of(args[1]);
            Path after = Path.of(args[2]);
            System.exit(compare(read(before), aggregates(before), read(after), aggregates(after), without) ? 0 : 1);
        } else {
            System.err.println("usage: StateDumpDay dump HOME CACHE OUT.json | compare BEFORE.json AFTER.json [FIELDS]");
            System.exit(2);
        }
    }

    static void dump(Path home, Path cache, Path out) throws Exception {
        ReliabilitySuite suite = new ReliabilitySuite(ReliabilitySuite.Settings.ci(home, cache));
        Method start = ReliabilitySuite.class.getDeclaredMethod("start", Path.class, LocalCloud.EndpointRoute.class,
                List.class);
        start.setAccessible(true);
        Field trafficField = ReliabilitySuite.class.getDeclaredField("traffic");
        trafficField.setAccessible(true);
        Object traffic = trafficField.get(suite);
        try (LocalCloud cloud = (LocalCloud) start.invoke(suite, null, LocalCloud.EndpointRoute.DIRECT,
                List.of(Duration.ofMillis(50)))) {
            traffic.getClass().getMethod("runDay", LocalCloud.class).invoke(traffic, cloud);
            StateDump state = StateDump.of(cloud, RUN_DEPENDENT);
            ObjectNode dump = JSON.valueToTree(state);
            dump.set("aggregates", JSON.valueToTree(aggregates(cloud)));
            Files.writeString(out, JSON.writeValueAsString(dump));
        }
    }

    /** userId → the stored profile's aggregate, decoded (DynamoProfileStore writes it as gzipped JSON). */
    static Map<String, JsonNode> aggregates(LocalCloud cloud) throws Exception {
        Map<String, JsonNode> aggregates = new TreeMap<>();
        try (DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            String table = cloud.tableName("ProfilesTable");
            for (var item : dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
                if (item.containsKey("aggregate")) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                            item.get("aggregate").b().asByteArray()))) {
                        aggregates.put(item.get("userId").s(), JSON.readTree(in));
                    }
                }
            }
        }
        return aggregates;
    }

    static Map<String, JsonNode> aggregates(Path file) throws Exception {
        JsonNode node = JSON.readTree(file.toFile()).get("aggregates");
        return node == null ? Map.of() : JSON.convertValue(node, new TypeReference<Map<String, JsonNode>>() { });
    }

    static StateDump read(Path file) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, String> items = JSON.convertValue(root.get("items"), new TypeReference<>() { });
        Map<String, String> objects = JSON.convertValue(root.get("objects"), new TypeReference<>() { });
        Map<String, Long> units = JSON.convertValue(root.get("units"), new TypeReference<>() { });
        Map<String, JsonNode> profiles = JSON.convertValue(root.get("profiles"), new TypeReference<>() { });
        return new StateDump(items, objects, units, profiles);
    }

    /** Prints the differences by group; true when the dumps are equal (without {@code without}). */
    static boolean compare(StateDump before, Map<String, JsonNode> aggregatesBefore, StateDump after,
                           Map<String, JsonNode> aggregatesAfter, Set<String> without) {
        if (!without.isEmpty()) {
            System.out.println("left out of both sides: " + new TreeSet<>(without));
        }
        boolean itemsEqual = compareGroups("table", items(before, without), items(after, without), true);
        boolean objectsEqual = compareGroups("bucket prefix", before.objects(), after.objects(), false);
        StateDump profilesBefore = new StateDump(Map.of(), Map.of(), before.units(), stripped(before.profiles(), without));
        StateDump profilesAfter = new StateDump(Map.of(), Map.of(), after.units(), stripped(after.profiles(), without));
        List<String> profiles = profilesAfter.profileDifferences(profilesBefore, 20);
        System.out.println(profiles.isEmpty() ? "profiles: equal up to rounding (" + before.profiles().size()
                + " customers)" : "profiles beyond rounding:");
        profiles.forEach(line -> System.out.println("  " + line));
        // the aggregates, compared the same way (StateDump's profile comparison over any JSON by customer)
        StateDump foldsBefore = new StateDump(Map.of(), Map.of(), Map.of(), stripped(aggregatesBefore, without));
        StateDump foldsAfter = new StateDump(Map.of(), Map.of(), Map.of(), stripped(aggregatesAfter, without));
        List<String> aggregates = foldsAfter.profileDifferences(foldsBefore, 20);
        System.out.println(aggregates.isEmpty() ? "aggregates: equal up to rounding (" + aggregatesBefore.size()
                + " customers)" : "aggregates beyond rounding:");
        aggregates.forEach(line -> System.out.println("  " + line));
        System.out.println("units lost " + after.unitsLost(before) + ", doubled " + after.unitsDoubled(before));
        return itemsEqual && objectsEqual && profiles.isEmpty() && aggregates.isEmpty();
    }

    /**
     * The items as compared: a profile's served document and its aggregate are compared decoded (above), so they
     * are left out here; {@code without} fields are cut from the JSON inside attributes.
     */
    static Map<String, String> items(StateDump dump, Set<String> without) {
        List<Pattern> cuts = new ArrayList<>();
        cuts.add(Pattern.compile("aggregate=B:[0-9a-f]+; "));
        cuts.add(Pattern.compile("profile=AttributeValue\\(S=\\{.*?\\}\\); "));
        for (String field : without) {
            String value = "(\"(?:[^\"\\\\]|\\\\.)*\"|null|true|false|-?[0-9][0-9.eE+-]*)";
            cuts.add(Pattern.compile(",\"" + Pattern.quote(field) + "\":" + value));
            cuts.add(Pattern.compile("\"" + Pattern.quote(field) + "\":" + value + ","));
        }
        Map<String, String> items = new TreeMap<>();
        dump.items().forEach((key, rendered) -> {
            String cut = rendered;
            if (key.startsWith("ProfilesTable/") || !without.isEmpty()) {
                for (Pattern pattern : cuts) {
                    cut = pattern.matcher(cut).replaceAll("");
                }
            }
            items.put(key, cut);
        });
        return items;
    }

    static Map<String, JsonNode> stripped(Map<String, JsonNode> documents, Set<String> without) {
        Map<String, JsonNode> out = new TreeMap<>();
        documents.forEach((key, document) -> {
            JsonNode copy = document.deepCopy();
            strip(copy, without);
            out.put(key, copy);
        });
        return out;
    }

    private static void strip(JsonNode node, Set<String> names) {
        if (node instanceof ObjectNode object) {
            object.remove(names);
        }
        node.forEach(child -> strip(child, names));
    }

    /** Counts per group, and shows the first few differences of each as {@link StateDump#differences} words them. */
    private static boolean compareGroups(String what, Map<String, String> before, Map<String, String> after,
                                         boolean tables) {
        Map<String, Map<String, String>> groupsBefore = new TreeMap<>();
        Map<String, Map<String, String>> groupsAfter = new TreeMap<>();
        before.forEach((key, value) -> groupsBefore.computeIfAbsent(group(key, tables), g -> new TreeMap<>())
                .put(key, value));
        after.forEach((key, value) -> groupsAfter.computeIfAbsent(group(key, tables), g -> new TreeMap<>())
                .put(key, value));
        Set<String> groups = new TreeSet<>(groupsBefore.keySet());
        groups.addAll(groupsAfter.keySet());
        boolean equal = true;
        for (String group : groups) {
            Map<String, String> was = groupsBefore.getOrDefault(group, Map.of());
            Map<String, String> is = groupsAfter.getOrDefault(group, Map.of());
            long same = was.entrySet().stream().filter(e -> e.getValue().equals(is.get(e.getKey()))).count();
            long changed = was.keySet().stream().filter(k -> is.containsKey(k) && !is.get(k).equals(was.get(k)))
                    .count();
            long onlyBefore = was.keySet().stream().filter(k -> !is.containsKey(k)).count();
            long onlyAfter = is.keySet().stream().filter(k -> !was.containsKey(k)).count();
            boolean differs = changed + onlyBefore + onlyAfter > 0;
            equal &= !differs;
            System.out.printf("%s %s: %d equal, %d changed, %d only before, %d only after%s%n", what, group, same,
                    changed, onlyBefore, onlyAfter, differs ? "  <-- differs" : "");
            StateDump expected = tables ? new StateDump(was, Map.of(), Map.of(), Map.of())
                    : new StateDump(Map.of(), was, Map.of(), Map.of());
            StateDump actual = tables ? new StateDump(is, Map.of(), Map.of(), Map.of())
                    : new StateDump(Map.of(), is, Map.of(), Map.of());
            actual.differences(expected, SHOWN_PER_GROUP).forEach(line -> System.out.println("    " + line));
        }
        return equal;
    }

    /** A table's logical id, or an object key's first two folders ({@code clean/events}, or its one folder). */
    static String group(String key, boolean tables) {
        String[] parts = key.split("/");
        if (tables || parts.length <= 2) {
            return parts[0];
        }
        return parts[0] + "/" + parts[1];
    }
}
