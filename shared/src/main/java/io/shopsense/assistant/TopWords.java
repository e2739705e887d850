package io.shopsense.assistant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words most used across short texts (issue #17: what a poorly rated item's low reviews complain of), split into
 * words as the assistant splits questions ({@link Tokeniser}: stop words dropped, Chinese segmented by smartcn). A word
 * counts once per text, so one long rant cannot fill the list.
 */
public final class TopWords {
    /** A word and how many texts use it. */
    public record WordCount(String word, int texts) {
    }

    private TopWords() {
    }

    /** The {@code n} words used by most texts, most first; ties by the word's natural order. */
    public static List<WordCount> of(Collection<String> texts, int n) {
        Tokeniser tokeniser = new Tokeniser();
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            Set<String> once = new HashSet<>(tokeniser.tokens(text));
            once.forEach(word -> counts.merge(word, 1, Integer::sum));
        }
        List<WordCount> all = new ArrayList<>();
        counts.forEach((word, count) -> all.add(new WordCount(word, count)));
        all.sort(Comparator.comparingInt(WordCount::texts).reversed().thenComparing(WordCount::word));
        return all.subList(0, Math.min(n, all.size()));
    }
}
