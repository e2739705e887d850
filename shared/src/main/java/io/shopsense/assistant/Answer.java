package io.shopsense.assistant;

import java.util.Objects;

/**
 * The assistant's reply to one question.
 *
 * @param question   the question as asked
 * @param text       what to show the shopper
 * @param kind       what kind of reply it is
 * @param passage    the passage the reply used, or null when none did ({@link AnswerKind#SIGN_IN},
 *                   {@link AnswerKind#UNKNOWN}, or an order that was not found)
 * @param confidence in [0, 1]: for FAQ and catalogue replies, the retrieval confidence described on
 *                   {@link Assistant}; for order and sign-in replies, which follow fixed rules, 1
 * @param answered   true when the reply gives the information asked for; false when it says it does not know, asks
 *                   the shopper to sign in, or finds no such order
 */
public record Answer(String question, String text, AnswerKind kind, Passage passage, double confidence,
                     boolean answered) {
    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    /** True when the shop's FAQ should gain an entry for this question (see {@link UnansweredQuestions}). */
    public boolean isFaqGap() {
        return kind == AnswerKind.UNKNOWN;
    }
}
