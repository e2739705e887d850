package io.shopsense.assistant;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The questions the assistant could not answer, counted, so a dashboard can show the shop what to add to its FAQ.
 * An immutable value: fold answers in with {@link #plus(Answer)} or {@link #of(Collection)}. Questions that differ
 * only in case, spacing or final punctuation count as one, shown as first asked.
 */
public record UnansweredQuestions(List<Entry> entries) {
    /**
     * One unanswered question.
     *
     * @param question the question as first asked
     * @param count    how many times it was asked
     */
    public record Entry(String question, int count) {
    }

    public UnansweredQuestions {
        entries = List.copyOf(entries);
    }

    /** No questions yet. */
    public static UnansweredQuestions empty() {
        return new UnansweredQuestions(List.of());
    }

    /** The FAQ gaps among these answers. */
    public static UnansweredQuestions of(Collection<Answer> answers) {
        UnansweredQuestions result = empty();
        for (Answer answer : answers) {
            result = result.plus(answer);
        }
        return result;
    }

    /** This value with the answer's question counted, when the answer is an FAQ gap; otherwise this value. */
    public UnansweredQuestions plus(Answer answer) {
        if (!answer.isFaqGap() || answer.question().isBlank()) {
            return this;
        }
        String key = normalised(answer.question());
        List<Entry> next = new ArrayList<>(entries);
        for (int i = 0; i < next.size(); i++) {
            if (normalised(next.get(i).question()).equals(key)) {
                next.set(i, new Entry(next.get(i).question(), next.get(i).count() + 1));
                return new UnansweredQuestions(next);
            }
        }
        next.add(new Entry(answer.question().strip(), 1));
        return new UnansweredQuestions(next);
    }

    /** The {@code n} most asked, most asked first; ties keep the order they were first asked in. */
    public List<Entry> top(int n) {
        return entries.stream().sorted(Comparator.comparingInt(Entry::count).reversed()).limit(n).toList();
    }

    /** The form in which two asks of one question are equal: NFKC, lower case, single spaces, no final punctuation. */
    public static String normalised(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return text.replaceAll("\\s+", " ").replaceAll("[\\s?!.。？！]+$", "").strip();
    }
}
