package io.shopsense.assistant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaqParserTest {

    @Test
    void parseMarkdown_takesHeadingsBoldLinesAndQLinesAsQuestions() {
        List<Passage> passages = FaqParser.parseMarkdown("faq.md", Fixtures.text("faq.md"));

        assertThat(passages).extracting(Passage::title).containsExactly(
                "How long does delivery take?",
                "Do you ship internationally?",
                "What is your returns policy?",
                "Can I cancel my order?",
                "Do you offer gift wrapping?",
                "你们提供礼品包装吗？",
                "如何退货？");
        assertThat(passages).extracting(Passage::id)
                .containsExactly("faq.md#1", "faq.md#2", "faq.md#3", "faq.md#4", "faq.md#5", "faq.md#6", "faq.md#7");
        assertThat(passages).allMatch(p -> p.source() == PassageSource.FAQ);
    }

    @Test
    void parseMarkdown_skipsTitleIntroAndSectionHeadings() {
        List<Passage> passages = FaqParser.parseMarkdown("faq.md", Fixtures.text("faq.md"));

        assertThat(passages).extracting(Passage::title)
                .doesNotContain("Frequently asked questions", "Shipping", "Returns");
        assertThat(passages).noneMatch(p -> p.text().contains("Welcome"));
    }

    @Test
    void parseMarkdown_keepsParagraphsAndDropsAnswerPrefixAndRules() {
        List<Passage> passages = FaqParser.parseMarkdown("faq.md", Fixtures.text("faq.md"));

        assertThat(passages.get(2).text()).isEqualTo("You can return unused items within 30 days of delivery for a "
                + "full refund.\n\nWrite to us first so we can send you a returns label.");
        assertThat(passages.get(3).text()).startsWith("Yes, as long as it has not been dispatched.");
        assertThat(passages.get(4).text()).isEqualTo("Yes, gift wrapping costs £2.50 per order. Choose it at checkout.");
        assertThat(passages.get(1).text()).endsWith("Customs duties are paid by the recipient.");
    }

    @Test
    void parseMarkdown_boldPhraseInsideAnswerDoesNotOpenAQuestion() {
        String md = "## Do you ship?\nYes.\n**Note:** not on Sundays.\n";

        List<Passage> passages = FaqParser.parseMarkdown("x.md", md);

        assertThat(passages).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("Do you ship?");
            assertThat(p.text()).isEqualTo("Yes.\n**Note:** not on Sundays.");
        });
    }

    @Test
    void parseMarkdown_readsChineseQuestionAndAnswerPrefixes() {
        String md = "问：可以开发票吗？\n答：可以，请在备注中填写抬头。\n";

        List<Passage> passages = FaqParser.parseMarkdown("zh.md", md);

        assertThat(passages).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("可以开发票吗？");
            assertThat(p.text()).isEqualTo("可以，请在备注中填写抬头。");
        });
    }

    @Test
    void parseCsv_readsQuotedCommasLineBreaksAndDoubledQuotes() {
        List<Passage> passages = FaqParser.parseCsv("faq.csv", Fixtures.text("faq.csv"));

        assertThat(passages).extracting(Passage::title).containsExactly(
                "What payment methods do you accept?",
                "Do you sell gift cards?",
                "Where is your shop, and when is it open?",
                "Is there a minimum order for wholesale?",
                "运费是多少？",
                "支持哪些付款方式？");
        assertThat(passages.get(0).text()).isEqualTo("We accept Visa, Mastercard, PayPal and Apple Pay.");
        assertThat(passages.get(1).text()).isEqualTo("Yes. Gift cards come in £10, £25 and £50,\nand never expire.");
        assertThat(passages.get(2).text()).endsWith("We are \"closed\" on bank holidays.");
        assertThat(passages.get(0).id()).isEqualTo("faq.csv#1");
    }

    @Test
    void parseCsv_skipsRowsWithoutQuestionOrAnswer() {
        List<Passage> passages = FaqParser.parseCsv("faq.csv", Fixtures.text("faq.csv"));

        assertThat(passages).noneMatch(p -> p.text().contains("skipped"));
    }

    @Test
    void parseCsv_findsColumnsByHeaderInAnyOrder() {
        String csv = "\uFEFFid,答案,问题\r\n1,周一至周五发货,什么时候发货？\r\n";

        List<Passage> passages = FaqParser.parseCsv("zh.csv", csv);

        assertThat(passages).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("什么时候发货？");
            assertThat(p.text()).isEqualTo("周一至周五发货");
        });
    }

    @Test
    void parseCsv_withoutHeader_takesFirstTwoColumns() {
        List<Passage> passages = FaqParser.parseCsv("plain.csv", "Do you gift wrap?,Yes\nOpen on Sunday?,No\n");

        assertThat(passages).extracting(Passage::title).containsExactly("Do you gift wrap?", "Open on Sunday?");
    }

    @Test
    void parseCsv_unterminatedQuote_takesRestAsFieldInsteadOfFailing() {
        List<Passage> passages = FaqParser.parseCsv("bad.csv", "q,a\nDo you ship?,\"Yes, worldwide\nthanks");

        assertThat(passages).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("Yes, worldwide\nthanks"));
    }

    @Test
    void parse_choosesFormatByExtensionAndRejectsOthers() {
        assertThat(FaqParser.parse("raw/faq/shop.CSV", "q,a\nx?,y\n")).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo("shop.CSV#1"));
        assertThatThrownBy(() -> FaqParser.parse("faq.pdf", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faq.pdf");
    }
}
