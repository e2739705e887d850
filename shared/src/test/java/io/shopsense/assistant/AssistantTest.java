package io.shopsense.assistant;

import io.shopsense.model.Event;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AssistantTest {
    private static final Assistant ASSISTANT = Fixtures.assistant();
    private static final List<Event> EVENTS = Fixtures.orderEvents();
    /** A store over the fixture events, as a function would wire one. */
    private static final OrderLookup ORDERS = new OrderLookup() {
        @Override
        public List<Event> eventsOfUser(String userId) {
            return EVENTS.stream().filter(e -> userId.equals(e.userId())).toList();
        }

        @Override
        public List<Event> eventsOfOrder(String orderId) {
            return EVENTS.stream().filter(e -> orderId.equalsIgnoreCase(e.orderId())).toList();
        }
    };

    @Test
    void ask_answersFromTheMarkdownFaqWithThePassageUsed() {
        Answer answer = ASSISTANT.ask("How long will delivery take?");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.kind()).isEqualTo(AnswerKind.FAQ);
        assertThat(answer.passage().source()).isEqualTo(PassageSource.FAQ);
        assertThat(answer.passage().id()).isEqualTo("faq.md#1");
        assertThat(answer.text()).isEqualTo(answer.passage().text()).startsWith("UK orders arrive in 2–3 working days.");
        assertThat(answer.confidence()).isBetween(AssistantConfig.DEFAULT_THRESHOLD, 1.0);
    }

    @Test
    void ask_answersFromTheCsvFaq() {
        Answer answer = ASSISTANT.ask("Which payment methods do you accept?");

        assertThat(answer.passage().id()).isEqualTo("faq.csv#1");
        assertThat(answer.text()).contains("PayPal");
    }

    @Test
    void ask_chineseQuestionsMatchChineseFaqPassages() {
        assertThat(ASSISTANT.ask("礼品包装多少钱？").passage().id()).isEqualTo("faq.md#6");
        assertThat(ASSISTANT.ask("运费多少").passage().id()).isEqualTo("faq.csv#5");
        assertThat(ASSISTANT.ask("怎么退货").passage().id()).isEqualTo("faq.md#7");
        assertThat(ASSISTANT.ask("你们支持哪些付款方式").text()).contains("支付宝");
    }

    @Test
    void ask_priceQuestionAnswersFromTheCatalogueAndOffersCloseMatches() {
        Answer answer = ASSISTANT.ask("How much is the jam jar?");

        assertThat(answer.kind()).isEqualTo(AnswerKind.CATALOGUE);
        assertThat(answer.passage().source()).isEqualTo(PassageSource.CATALOGUE);
        assertThat(answer.passage().id()).isEqualTo("22962");
        assertThat(answer.text()).startsWith("Yes: JAM JAR WITH PINK LID (item 22962) costs £0.72 and is in stock.")
                .contains("JAM JAR WITH GREEN LID (£0.72)");
    }

    @Test
    void ask_doYouHaveQuestionFindsTheProduct() {
        Answer answer = ASSISTANT.ask("Do you have a red umbrella?");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.passage().id()).isEqualTo("85014B");
        assertThat(answer.text()).contains("RED RETROSPOT UMBRELLA").contains("£5.95");
    }

    @Test
    void ask_outOfStockProductIsSaidToBeOutOfStock() {
        Answer answer = ASSISTANT.ask("is the blue coat rack available?");

        assertThat(answer.passage().id()).isEqualTo("22914");
        assertThat(answer.text()).contains("out of stock");
    }

    @Test
    void ask_productTheShopDoesNotSellIsNotInventedFromPartialMatches() {
        Answer answer = ASSISTANT.ask("Do you have a red teapot?");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.kind()).isEqualTo(AnswerKind.UNKNOWN);
        assertThat(answer.text()).contains(Fixtures.CONTACT);
    }

    @Test
    void ask_offTopicQuestionIsNotAnsweredAndOffersTheContact() {
        Answer answer = ASSISTANT.ask("What's the weather in Paris tomorrow?");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.kind()).isEqualTo(AnswerKind.UNKNOWN);
        assertThat(answer.passage()).isNull();
        assertThat(answer.confidence()).isLessThan(AssistantConfig.DEFAULT_THRESHOLD);
        assertThat(answer.text()).isEqualTo("Sorry, I don't know the answer to that. Please contact us: "
                + Fixtures.CONTACT);
        assertThat(answer.isFaqGap()).isTrue();
    }

    @Test
    void ask_offTopicChineseQuestionGetsAChineseReplyWithTheContact() {
        Answer answer = ASSISTANT.ask("明天北京天气怎么样？");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).startsWith("抱歉").contains(Fixtures.CONTACT);
    }

    @Test
    void ask_emptyOrStopWordOnlyQuestionIsNotAnswered() {
        assertThat(ASSISTANT.ask("").answered()).isFalse();
        assertThat(ASSISTANT.ask("hello, how are you?").confidence()).isZero();
    }

    @Test
    void ask_nonProductCatalogueLinesAreNotSearched() {
        assertThat(ASSISTANT.search("postage", 5)).isEmpty();
    }

    @Test
    void ask_hugeQuestionIsCutAndStillAnswered() {
        Answer answer = ASSISTANT.ask("x".repeat(1_000_000));

        assertThat(answer.answered()).isFalse();
    }

    @Test
    void confidence_isCoverageOfQuestionWeightWhenOnePassageMatches() {
        // N = 2; idf(gift) = idf(card) = ln 2 (df 1); idf(voucher) = ln 6 (in no passage); one hit, so margin 1.
        Assistant small = Assistant.create(List.of(
                new Passage(PassageSource.FAQ, "g", "Gift cards?", "Yes"),
                new Passage(PassageSource.FAQ, "h", "Opening hours?", "9 to 5")), List.of(),
                AssistantConfig.withContact(Fixtures.CONTACT));

        Answer answer = small.ask("gift card voucher");

        double expected = 2 * Math.log(2) / (2 * Math.log(2) + Math.log(6));
        assertThat(answer.confidence()).isCloseTo(expected, within(1e-9)).isCloseTo(0.4362, within(1e-4));
        assertThat(answer.answered()).isFalse();
        assertThat(small.ask("gift card").confidence()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void confidence_isDiscountedByASmallMarginOverTheRunnerUp() {
        Assistant small = Assistant.create(List.of(
                new Passage(PassageSource.FAQ, "g", "Gift cards?", "Yes"),
                new Passage(PassageSource.FAQ, "h", "Opening hours?", "9 to 5")), List.of(),
                AssistantConfig.withContact(Fixtures.CONTACT));

        Answer answer = small.ask("gift hours");

        // Each passage matches one of two equally weighted terms: coverage 1/2. Lengths 3 and 4, avgdl 3.5.
        double s1 = Math.log(2) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 3.5));
        double s2 = Math.log(2) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 4 / 3.5));
        double expected = 0.5 * (0.8 + 0.2 * (s1 - s2) / s1);
        assertThat(answer.confidence()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void threshold_isConfigurable() {
        Assistant lenient = Assistant.create(Fixtures.faq(), Fixtures.catalogue(),
                AssistantConfig.withContact(Fixtures.CONTACT).withThreshold(0.1));

        assertThat(lenient.ask("Do you have a red teapot?").answered()).isTrue();
    }

    @Test
    void ask_whereIsMyOrder_listsTheSignedInCustomersLatestOrders() {
        Answer answer = ASSISTANT.ask("Where is my order?", "17850", ORDERS);

        assertThat(answer.kind()).isEqualTo(AnswerKind.ORDERS);
        assertThat(answer.answered()).isTrue();
        assertThat(answer.confidence()).isEqualTo(1.0);
        assertThat(answer.passage().source()).isEqualTo(PassageSource.ORDERS);
        assertThat(answer.passage().id()).isEqualTo("536366,536365");
        assertThat(answer.text()).isEqualTo("""
                Your latest orders:
                - Order 536366 of 1 Dec 2010: HAND WARMER UNION JACK ×6, HAND WARMER RED POLKA DOT ×6; \
                total £22.20; partly refunded (£11.10 refunded)
                - Order 536365 of 1 Dec 2010: WHITE HANGING HEART T-LIGHT HOLDER ×6, WHITE METAL LANTERN ×6, \
                84406B ×8 and 4 more; total £139.12; purchased
                For delivery tracking, contact us: hello@littlegiftshop.example""");
    }

    @Test
    void ask_chineseMyOrderQuestionAnswersInChinese() {
        Answer answer = ASSISTANT.ask("我的订单", "17850", ORDERS);

        assertThat(answer.kind()).isEqualTo(AnswerKind.ORDERS);
        assertThat(answer.text()).startsWith("您最近的订单：")
                .contains("订单 536366（2010年12月1日）").contains("部分退款").contains("已购买");
    }

    @Test
    void ask_orderNumberOfTheCustomer_showsThatOrderOnly() {
        Answer answer = ASSISTANT.ask("What is the status of order 536365?", "17850", ORDERS);

        assertThat(answer.passage().id()).isEqualTo("536365");
        assertThat(answer.text()).contains("536365").doesNotContain("536366");
    }

    @Test
    void ask_orderNumberOfSomeoneElse_isNotFoundOnTheAccount() {
        Answer answer = ASSISTANT.ask("where is order C536391", "17850", ORDERS);

        assertThat(answer.answered()).isFalse();
        assertThat(answer.kind()).isEqualTo(AnswerKind.ORDERS);
        assertThat(answer.text()).contains("can't find order C536391 on your account").contains(Fixtures.CONTACT);
    }

    @Test
    void ask_refundOnlyOrderIsReportedRefunded() {
        Answer answer = ASSISTANT.ask("order status", "17548", ORDERS);

        assertThat(answer.text()).contains("C536391").contains("refunded");
    }

    @Test
    void ask_orderQuestionWithoutUser_asksToSignInOrGiveTheOrderNumber() {
        Answer answer = ASSISTANT.ask("Where is my order?", null, ORDERS);

        assertThat(answer.kind()).isEqualTo(AnswerKind.SIGN_IN);
        assertThat(answer.answered()).isFalse();
        assertThat(answer.isFaqGap()).isFalse();
        assertThat(answer.text()).contains("sign in").contains("order number");
        assertThat(ASSISTANT.ask("我的订单到哪了", null, ORDERS).text()).contains("请先登录");
    }

    @Test
    void ask_orderNumberWithoutUser_givesStatusButNoItemsOrAmounts() {
        Answer answer = ASSISTANT.ask("where is my order 536366", null, ORDERS);

        assertThat(answer.answered()).isTrue();
        assertThat(answer.text()).isEqualTo(
                "Order 536366 of 1 Dec 2010: partly refunded, 12 items. Sign in to see the details.");
    }

    @Test
    void ask_orderNumberWithoutUserAndNoOrderLookup_asksToSignIn() {
        Answer answer = ASSISTANT.ask("where is my order 536366", null, OrderLookup.NONE);

        assertThat(answer.kind()).isEqualTo(AnswerKind.SIGN_IN);
        assertThat(answer.text()).contains("can't find order 536366");
    }

    @Test
    void ask_customerWithoutOrders_isToldSoWithTheContact() {
        Answer answer = ASSISTANT.ask("where is my order", "12345", ORDERS);

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).contains("can't find any orders").contains(Fixtures.CONTACT);
    }

    @Test
    void ask_cancelMyOrder_answersFromTheFaqPolicyNotTheOrderList() {
        Answer answer = ASSISTANT.ask("How do I cancel my order?", "17850", ORDERS);

        assertThat(answer.kind()).isEqualTo(AnswerKind.FAQ);
        assertThat(answer.passage().id()).isEqualTo("faq.md#4");
    }

    @Test
    void ask_generalDeliveryQuestionStaysWithTheFaqForSignedInCustomers() {
        assertThat(ASSISTANT.ask("How long does delivery take?", "17850", ORDERS).kind()).isEqualTo(AnswerKind.FAQ);
    }
}
