package io.shopsense.bench;

import io.shopsense.pipeline.Layout;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.model.Event;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.profile.BgNbdFit;
import io.shopsense.profile.BgNbdFitter;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.profile.TransactionSummary;
import io.shopsense.store.dynamodb.DynamoProfileStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code profiles}: events per second folded into {@code Profiles} on dynalite by the real {@link ProfileUpdater}
 * (one {@code foldCleanObject} per clean partition, as the update-profiles trigger calls it), against raw
 * {@code BatchWriteItem} of as many items as events folded (each item one event's canonical JSON), on the same server
 * in the same run. Ratio: our rate / raw rate; goal at least 0.5. Also the BG/NBD fit time over every customer.
 *
 * <p>Each side writes into its own fresh table shaped like {@code Profiles} (same keys and index), after a warm-up on
 * the first partitions into throw-away tables. The whole file is one run per side (minutes on dynalite), not a median.
 */
final class ProfilesBench {
    private static final String GOAL = ">=0.5";
    private static final int WARM_UP_PARTITIONS = 20;
    private static final int WRITERS = 8; // as many writer threads as ProfileUpdater uses

    private final Path dataDir;
    private final Path home;
    private final int reps;

    ProfilesBench(Path dataDir, Path home, int reps) {
        this.dataDir = dataDir;
        this.home = home;
        this.reps = reps;
    }

    List<BenchResult> run() throws Exception {
        Timing.progress("profiles: cleaning Online Retail");
        CleanRetail retail = CleanRetail.load(dataDir);
        List<BenchResult> results = new ArrayList<>();
        results.add(bgNbdFit(retail));
        results.add(folding(retail));
        return results;
    }

    private BenchResult folding(CleanRetail retail) throws Exception {
        Path bucketDir = Files.createTempDirectory("shopsense-bench-profiles");
        DirectoryObjectStore bucket = new DirectoryObjectStore(bucketDir);
        List<String> keys = new ArrayList<>();
        List<String> warmKeys = new ArrayList<>();
        List<Map<String, AttributeValue>> rawItems = new ArrayList<>();
        List<Map<String, AttributeValue>> warmRawItems = new ArrayList<>();
        for (var partition : retail.eventLines().entrySet()) {
            String key = Layout.cleanKey("events", partition.getKey(), "online-retail");
            bucket.put(key, gzip(partition.getValue()), "application/gzip");
            boolean warm = keys.size() < WARM_UP_PARTITIONS;
            keys.add(key);
            if (warm) {
                warmKeys.add(key);
            }
            for (String line : partition.getValue()) {
                Event event = io.shopsense.clean.CanonicalJson.readEvent(line);
                if (!event.isAnonymous()) { // the fold skips anonymous events: count only what it folds
                    Map<String, AttributeValue> item = Map.of("userId", AttributeValue.fromS(event.eventId()),
                            "event", AttributeValue.fromS(line));
                    rawItems.add(item);
                    if (warm) {
                        warmRawItems.add(item);
                    }
                }
            }
        }
        Path template = home.resolve("template.yaml");
        Timing.progress("profiles: starting the local cloud from " + template);
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.builder(template).noHttpApi().build());
             DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            String profiles = cloud.tableName("ProfilesTable");
            Timing.progress("profiles: warm-up on " + warmKeys.size() + " partitions (" + warmRawItems.size()
                    + " events)");
            fold(bucket, dynamoDb, createLike(dynamoDb, profiles, "bench-warm-profiles"), warmKeys);
            rawWrite(dynamoDb, createLike(dynamoDb, profiles, "bench-warm-raw"), warmRawItems);

            Timing.progress("profiles: raw BatchWriteItem of " + rawItems.size() + " items");
            double rawSeconds = Timing.time(() -> {
                rawWrite(dynamoDb, createLike(dynamoDb, profiles, "bench-raw"), rawItems);
                return null;
            }).seconds();
            Timing.progress(String.format("profiles: raw write %.1fs; folding %d partitions", rawSeconds, keys.size()));
            String foldTable = createLike(dynamoDb, profiles, "bench-profiles");
            Timing.Timed<int[]> folded = Timing.time(() -> fold(bucket, dynamoDb, foldTable, keys));
            Timing.progress(String.format("profiles: fold %.1fs", folded.seconds()));

            long events = rawItems.size();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("events", events);
            extra.put("partitions", keys.size());
            extra.put("profilesWritten", folded.value()[0]);
            extra.put("customers", folded.value()[1]);
            extra.put("oursSeconds", folded.seconds());
            extra.put("baselineSeconds", rawSeconds);
            extra.put("oursUsPerEvent", folded.seconds() * 1e6 / events);
            extra.put("baselineUsPerItem", rawSeconds * 1e6 / events);
            extra.put("runs", 1);
            extra.put("baselineItems", "one item per folded event (its canonical JSON), BatchWriteItem of 25, "
                    + WRITERS + " threads");
            extra.put("oursPath", "ProfileUpdater.foldCleanObject per dt partition, DirectoryObjectStore bucket, "
                    + "DynamoProfileStore on dynalite, no stored models (first import: provisional fits)");
            return new BenchResult("profiles", events / folded.seconds(), events / rawSeconds, "events/s",
                    rawSeconds / folded.seconds(), GOAL, "x1", extra);
        } finally {
            try (var files = Files.walk(bucketDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Folds each partition in turn, as one update-profiles invocation per clean object would. */
    private static int[] fold(DirectoryObjectStore bucket, DynamoDbClient dynamoDb, String table, List<String> keys)
            throws IOException {
        ProfileUpdater updater = new ProfileUpdater(bucket, new DynamoProfileStore(dynamoDb, table),
                ProfileConfig.defaults(), Clock.systemUTC(),
                new io.shopsense.pipeline.Erasures(bucket, io.shopsense.security.ShopSecret.of(new byte[32])));
        int updated = 0;
        java.util.Set<String> customers = new java.util.HashSet<>();
        for (String key : keys) {
            ProfileUpdater.Result result = updater.foldCleanObject(key);
            updated += result.updated();
        }
        new DynamoProfileStore(dynamoDb, table).scan(p -> customers.add(p.userId()));
        return new int[] {updated, customers.size()};
    }

    /** BatchWriteItem in batches of 25 from {@link #WRITERS} threads, resending unprocessed items. */
    private static void rawWrite(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < items.size(); from += 25) {
                List<Map<String, AttributeValue>> batch = items.subList(from, Math.min(items.size(), from + 25));
                futures.add(pool.submit(() -> {
                    List<WriteRequest> requests = batch.stream()
                            .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                            .toList();
                    Map<String, List<WriteRequest>> pending = Map.of(table, requests);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> toSend = pending;
                        pending = dynamoDb.batchWriteItem(b -> b.requestItems(toSend)).unprocessedItems();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fresh table with the keys, attributes and indexes of {@code model}. */
    private static String createLike(DynamoDbClient dynamoDb, String model, String name) {
        TableDescription d = dynamoDb.describeTable(b -> b.tableName(model)).table();
        List<GlobalSecondaryIndex> indexes = d.globalSecondaryIndexes().stream()
                .map(g -> GlobalSecondaryIndex.builder().indexName(g.indexName()).keySchema(g.keySchema())
                        .projection(g.projection()).build())
                .toList();
        dynamoDb.createTable(b -> {
            b.tableName(name).attributeDefinitions(d.attributeDefinitions()).keySchema(d.keySchema())
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (!indexes.isEmpty()) {
                b.globalSecondaryIndexes(indexes);
            }
        });
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    /** BG/NBD maximum likelihood over every Online Retail customer, as of the day after the last event. */
    private BenchResult bgNbdFit(CleanRetail retail) throws Exception {
        List<Event> events = retail.events();
        LocalDate end = events.stream().map(e -> e.ts().atOffset(ZoneOffset.UTC).toLocalDate())
                .max(LocalDate::compareTo).orElseThrow().plusDays(1);
        TransactionSummary summary = TransactionSummary.fromEvents(events, end);
        BgNbdFitter fitter = new BgNbdFitter();
        for (int i = 0; i < 2; i++) {
            fitter.fit(summary);
        }
        int runs = Math.max(reps, 3);
        double[] seconds = new double[runs];
        BgNbdFit fit = null;
        for (int r = 0; r < runs; r++) {
            Timing.Timed<BgNbdFit> t = Timing.time(() -> fitter.fit(summary));
            seconds[r] = t.seconds();
            fit = t.value();
        }
        double summarySeconds = Timing.time(() -> TransactionSummary.fromEvents(events, end)).seconds();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("customers", summary.size());
        extra.put("repeatCustomers", summary.repeatCustomers());
        extra.put("end", end.toString());
        extra.put("summarySeconds", summarySeconds);
        extra.put("r", fit.model().r());
        extra.put("alpha", fit.model().alpha());
        extra.put("a", fit.model().a());
        extra.put("b", fit.model().b());
        extra.put("logLik", fit.logLikelihood());
        extra.put("evaluations", fit.evaluations());
        extra.put("runs", runs);
        return new BenchResult("profiles-bgnbd-fit", Timing.median(seconds), null, "s", null, null, "x1", extra);
    }

    private static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        return bytes.toByteArray();
    }

}
