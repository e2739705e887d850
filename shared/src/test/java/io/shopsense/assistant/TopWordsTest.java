package io.shopsense.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Words of low reviews, English and Chinese (issue #17). */
class TopWordsTest {
    @Test
    void of_countsEachWordOncePerText_dropsStopWords_andSegmentsChinese() {
        List<TopWords.WordCount> words = TopWords.of(List.of(
                "Arrived broken, broken, BROKEN!", "The box was broken on arrival", "收到时已经破损，包装太差",
                "包装太差", "", "Poor packaging"), 4);

        // "broken" in two texts (three times in one), 包装 in two; "the", "was", "on" are stop words
        assertThat(words).extracting(TopWords.WordCount::word).startsWith("broken", "包装");
        assertThat(words.get(0).texts()).isEqualTo(2);
        assertThat(words.get(1).texts()).isEqualTo(2);
        assertThat(words).extracting(TopWords.WordCount::word).doesNotContain("the", "was", "on");
    }
}
