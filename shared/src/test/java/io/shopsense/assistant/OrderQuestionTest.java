package io.shopsense.assistant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderQuestionTest {

    @ParameterizedTest
    @ValueSource(strings = {"Where is my order?", "order status", "When will my parcel arrive?",
            "Can you track my package", "What did I order last time? my orders please",
            "The teapot I ordered has not come", "我的订单", "我的快递到哪了？", "订单状态", "查订单"})
    void detect_recognisesOrderQuestions(String question) {
        assertThat(OrderQuestion.detect(question)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"How long does delivery take?", "Is there a minimum order for wholesale?",
            "Do you deliver to Ireland?", "how much is the jam jar", "如何取消订单？", "运费是多少？", "你们什么时候发货"})
    void detect_leavesGeneralQuestionsToTheFaq(String question) {
        assertThat(OrderQuestion.detect(question)).isEmpty();
    }

    @Test
    void detect_readsTheOrderNumber() {
        assertThat(OrderQuestion.detect("status of order #536365?").orElseThrow().orderNumber()).isEqualTo("536365");
        assertThat(OrderQuestion.detect("where is order c536391").orElseThrow().orderNumber()).isEqualTo("C536391");
        assertThat(OrderQuestion.detect("订单号：536366 到哪了").orElseThrow().orderNumber()).isEqualTo("536366");
        assertThat(OrderQuestion.detect("where is my order").orElseThrow().orderNumber()).isNull();
    }

    @Test
    void detect_flagsQuestionsThatWantToActOnAnOrder() {
        assertThat(OrderQuestion.detect("How do I cancel my order?").orElseThrow().wantsAction()).isTrue();
        assertThat(OrderQuestion.detect("我的订单可以退货吗").orElseThrow().wantsAction()).isTrue();
        assertThat(OrderQuestion.detect("where is my order").orElseThrow().wantsAction()).isFalse();
    }
}
