package io.shopsense.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shoppers rarely type an FAQ entry's own words: each question here paraphrases one entry of the demo FAQ
 * ({@code samples/faq.md}), searched together with real catalogue products, and must be answered by that entry.
 * Retrieval is lexical (BM25 over words), so a paraphrase must share content words with its entry; synonyms with
 * no shared word ("send back" for "return") are out of its reach.
 */
class ParaphraseTest {
    private static final Assistant ASSISTANT = sampleShop();

    private static Assistant sampleShop() {
        try {
            String faq = Files.readString(Path.of("../samples/faq.md"), StandardCharsets.UTF_8);
            return Assistant.create(FaqParser.parse("faq.md", faq), Fixtures.catalogue(),
                    AssistantConfig.withContact(Fixtures.CONTACT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            你们的退货政策是什么？                  | 可以退货吗？
            我想退款，怎么申请？                    | 可以退货吗？
            未使用的东西能退货吗                    | 可以退货吗？
            寄到欧盟的订单几个工作日送达？          | 发货需要多久？
            What is your return policy?             | Can I return an item?
            Can I get a refund for an unused item?  | Can I return an item?
            How many working days does shipping to the EU take? | How long does delivery take?
            Is shipping free?                       | How much is shipping?
            Do you accept American Express?         | Which payment methods do you accept?
            How much does gift wrapping cost?       | Do you gift wrap?
            Do you sell to shops at trade prices?   | Do you sell wholesale?
            """)
    void paraphrase_findsItsFaqEntry(String question, String entry) {
        Answer answer = ASSISTANT.ask(question);

        assertThat(answer.answered()).as("answered, confidence %s", answer.confidence()).isTrue();
        assertThat(answer.passage().title()).isEqualTo(entry);
    }
}
