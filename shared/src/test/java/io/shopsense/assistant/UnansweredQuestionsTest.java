package io.shopsense.assistant;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnansweredQuestionsTest {

    @Test
    void of_countsOnlyFaqGapsMergingCaseSpacingAndFinalPunctuation() {
        Assistant assistant = Fixtures.assistant();
        List<Answer> answers = List.of(
                assistant.ask("Do you ship to Japan?"),
                assistant.ask("Do you sell gift cards?"),
                assistant.ask("do you  ship to japan"),
                assistant.ask("Where is my order?"),
                assistant.ask("Do you have a red teapot?"),
                assistant.ask("DO YOU SHIP TO JAPAN ?"));

        UnansweredQuestions gaps = UnansweredQuestions.of(answers);

        assertThat(gaps.top(10)).containsExactly(
                new UnansweredQuestions.Entry("Do you ship to Japan?", 3),
                new UnansweredQuestions.Entry("Do you have a red teapot?", 1));
    }

    @Test
    void plus_leavesTheValueUnchangedForAnsweredQuestions() {
        UnansweredQuestions empty = UnansweredQuestions.empty();

        assertThat(empty.plus(Fixtures.assistant().ask("Do you sell gift cards?"))).isSameAs(empty);
    }

    @Test
    void top_limitsAndOrdersByCount() {
        UnansweredQuestions gaps = new UnansweredQuestions(List.of(
                new UnansweredQuestions.Entry("a", 1), new UnansweredQuestions.Entry("b", 5),
                new UnansweredQuestions.Entry("c", 2)));

        assertThat(gaps.top(2)).extracting(UnansweredQuestions.Entry::question).containsExactly("b", "c");
    }
}
