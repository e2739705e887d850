package io.shopsense.pipeline;

import io.shopsense.assistant.Answer;
import io.shopsense.assistant.UnansweredQuestions;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.clean.ErasedFilter;
import io.shopsense.model.Sha256;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The assistant's FAQ gaps, kept in the bucket for the dashboard: each unanswered ask is one small object,
 * {@code reports/assistant/unanswered/{day}/{question id}/{request id}.json}. Keyed by the API request, so a replayed
 * request writes the same object and counts once while every shopper's ask counts; keyed by the question's
 * {@link UnansweredQuestions#normalised normal form}, so "Do you ship to Japan?" and "do you ship to japan" are one
 * question. The text is kept with every email address replaced by its pseudonym; who asked is not kept.
 */
public final class UnansweredLog {
    public static final String PREFIX = Layout.UNANSWERED;
    private static final int DAY_CHARS = "yyyy-mm-dd".length();

    private final ObjectStore bucket;
    private final Supplier<ErasedFilter> erased;

    /** The log as the dashboard reads it. */
    public UnansweredLog(ObjectStore bucket) {
        this(bucket, () -> ErasedFilter.NONE);
    }

    /** The log as the assistant writes it: a question naming an erased customer is not kept. */
    public UnansweredLog(ObjectStore bucket, Supplier<ErasedFilter> erased) {
        this.bucket = bucket;
        this.erased = erased;
    }

    /** Keeps the ask if the answer is an FAQ gap and names no erased customer; returns whether it did. */
    public boolean record(Answer answer, String requestId, Instant askedAt, ZoneId shopZone) {
        if (!answer.isFaqGap() || answer.question().isBlank()) {
            return false;
        }
        String question = EmailAddresses.pseudonymise(answer.question().strip().replaceAll("\\s+", " "));
        if (erased.get().mentionedIn(question)) {
            return false; // the sweep removed such questions; a new one is not kept either
        }
        String key = Layout.unansweredKey(askedAt.atZone(shopZone).toLocalDate(),
                Sha256.hex(UnansweredQuestions.normalised(question), 12), Sha256.hex(requestId, 12));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        body.put("askedAt", askedAt.toString());
        bucket.put(key, Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
        return true;
    }

    /**
     * What the dashboard shows: the most asked questions, and the newest ask kept (for "updated at").
     *
     * @param newest empty when nothing was kept
     */
    public record Summary(UnansweredQuestions mostAsked, Optional<ObjectInfo> newest) {
    }

    /**
     * The {@code limit} most asked questions of the {@code days} days up to the newest ask (most asks first, then the
     * most recently asked), each in a wording from the last day it was asked; empty when nothing was kept. One
     * listing, then one read per question shown.
     */
    public Summary summary(int days, int limit) {
        List<ObjectInfo> asks = bucket.list(PREFIX);
        Optional<ObjectInfo> newest = newestOf(asks);
        Map<String, List<String>> asksByQuestion = new TreeMap<>();
        for (ObjectInfo info : asks) {
            String[] dayQuestionAsk = info.key().substring(PREFIX.length()).split("/");
            if (dayQuestionAsk.length == 3 && dayQuestionAsk[2].endsWith(".json")) {
                asksByQuestion.computeIfAbsent(dayQuestionAsk[1], q -> new ArrayList<>()).add(info.key());
            }
        }
        Optional<String> newestDay = asksByQuestion.values().stream().flatMap(List::stream).map(UnansweredLog::day)
                .max(Comparator.naturalOrder());
        if (newestDay.isEmpty()) {
            return new Summary(UnansweredQuestions.empty(), newest);
        }
        String oldestDay = LocalDate.parse(newestDay.get()).minusDays(days - 1L).toString();
        List<List<String>> inWindow = asksByQuestion.values().stream()
                .map(keys -> keys.stream().filter(k -> day(k).compareTo(oldestDay) >= 0).sorted().toList())
                .filter(keys -> !keys.isEmpty()).toList();
        List<UnansweredQuestions.Entry> entries = inWindow.stream()
                .sorted(Comparator.<List<String>>comparingInt(List::size).reversed()
                        .thenComparing(keys -> Collections.max(keys), Comparator.reverseOrder()))
                .limit(limit)
                .map(keys -> new UnansweredQuestions.Entry(question(Collections.max(keys)), keys.size()))
                .toList();
        return new Summary(new UnansweredQuestions(entries), newest);
    }

    /** The newest ask kept: the assistant's last output. */
    public Optional<ObjectInfo> newest() {
        return newestOf(bucket.list(PREFIX));
    }

    private static Optional<ObjectInfo> newestOf(List<ObjectInfo> asks) {
        return asks.stream().max(Comparator.comparingLong(ObjectInfo::lastModifiedMillis));
    }

    private static String day(String key) {
        return key.substring(PREFIX.length(), PREFIX.length() + DAY_CHARS);
    }

    private String question(String key) {
        try (InputStream in = bucket.open(key)) {
            return Json.MAPPER.readTree(in).path("question").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }
}
