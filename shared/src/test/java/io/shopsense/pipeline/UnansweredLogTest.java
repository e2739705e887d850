package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.assistant.Answer;
import io.shopsense.assistant.AnswerKind;
import io.shopsense.assistant.UnansweredQuestions.Entry;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnansweredLogTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private UnansweredLog log;

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        log = new UnansweredLog(bucket);
    }

    private static Answer gap(String question) {
        return new Answer(question, "I don't know; write to us.", AnswerKind.UNKNOWN, null, 0.1, false);
    }

    private void ask(String question, String requestId, String day) {
        log.record(gap(question), requestId, Instant.parse(day + "T12:00:00Z"), UTC);
    }

    @Test
    void onlyFaqGapsAreKept() {
        Answer answered = new Answer("How long does delivery take?", "2 to 4 days.", AnswerKind.FAQ, null, 0.9, true);
        Answer signIn = new Answer("Where is my order?", "Please sign in.", AnswerKind.SIGN_IN, null, 1, false);

        assertThat(log.record(answered, "r1", Instant.parse("2026-11-28T10:00:00Z"), UTC)).isFalse();
        assertThat(log.record(signIn, "r2", Instant.parse("2026-11-28T10:00:00Z"), UTC)).isFalse();
        assertThat(log.record(gap("Do you ship to Japan?"), "r3", Instant.parse("2026-11-28T10:00:00Z"), UTC)).isTrue();
        assertThat(bucket.list(UnansweredLog.PREFIX)).hasSize(1);
    }

    @Test
    void aReplayedRequestCountsOnce_andVariantsOfOneQuestionCountTogether() {
        ask("Do you ship to Japan?", "r1", "2026-11-27");
        ask("Do you ship to Japan?", "r1", "2026-11-27"); // the same request again
        ask("do you  ship to JAPAN", "r2", "2026-11-28");
        ask("Do you have a red teapot?", "r3", "2026-11-28");

        assertThat(log.summary(30, 10).mostAsked().entries()).containsExactly(
                new Entry("do you ship to JAPAN", 2), // in the wording of the last day asked, spacing tidied
                new Entry("Do you have a red teapot?", 1));
    }

    @Test
    void theDayIsTheShopsDay() {
        log.record(gap("Open on Sunday?"), "r1", Instant.parse("2026-11-28T23:30:00Z"), ZoneId.of("Europe/Berlin"));

        assertThat(bucket.list(UnansweredLog.PREFIX)).singleElement()
                .satisfies(info -> assertThat(info.key()).startsWith(UnansweredLog.PREFIX + "2026-11-29/"));
    }

    @Test
    void theWindowEndsAtTheNewestAsk_tiesGoToTheMostRecent_andTheLimitHolds() {
        ask("Old question?", "r1", "2026-09-01");
        ask("Old question?", "r2", "2026-09-02");
        ask("Gift cards?", "r3", "2026-11-01");
        ask("Click and collect?", "r4", "2026-11-20");
        ask("Night delivery?", "r5", "2026-11-10");

        assertThat(log.summary(30, 2).mostAsked().entries()).extracting(Entry::question)
                .containsExactly("Click and collect?", "Night delivery?");
        assertThat(log.summary(90, 1).mostAsked().entries()).containsExactly(new Entry("Old question?", 2));
    }

    @Test
    void emailAddressesAreNeverKept() throws Exception {
        ask("Why no answer to anna@example.org?", "r1", "2026-11-28");

        String stored = new String(bucket.open(bucket.list(UnansweredLog.PREFIX).get(0).key()).readAllBytes());
        assertThat(stored).doesNotContain("@").contains("e_");
        assertThat(log.summary(30, 1).mostAsked().entries().get(0).question()).startsWith("Why no answer to e_");
    }

    @Test
    void nothingKept_isEmpty() {
        assertThat(log.summary(30, 20).mostAsked().entries()).isEmpty();
        assertThat(log.summary(30, 20).newest()).isEmpty();
        assertThat(log.newest()).isEmpty();
    }
}
