package io.shopsense.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokeniserTest {
    private final Tokeniser tokeniser = new Tokeniser();

    @Test
    void tokens_lowerCaseWordsWithoutStopWords() {
        assertThat(tokeniser.tokens("How much is the JAM JAR with a pink lid?"))
                .containsExactly("jam", "jar", "pink", "lid");
    }

    @Test
    void tokens_reducePluralsToSingular() {
        assertThat(tokeniser.tokens("boxes berries jars glasses dishes cases bus analysis"))
                .containsExactly("box", "berry", "jar", "glass", "dish", "case", "bus", "analysis");
    }

    @Test
    void tokens_dropPossessiveAndSingleLetters() {
        assertThat(tokeniser.tokens("POPPY'S PLAYHOUSE T-LIGHT 50's")).containsExactly("poppy", "playhouse", "light",
                "50");
    }

    @Test
    void tokens_normaliseFullWidthLetters() {
        assertThat(tokeniser.tokens("ＪＡＭ　ＪＡＲ ２")).containsExactly("jam", "jar", "2");
    }

    @Test
    void tokens_chineseRunIsSegmentedIntoWords() {
        assertThat(tokeniser.tokens("退货标签")).containsExactly("退货", "标签");
    }

    @Test
    void tokens_chineseStopWordsAreDropped() {
        assertThat(tokeniser.tokens("你们的退货标签是什么？")).containsExactly("退货", "标签");
        assertThat(tokeniser.tokens("你们的退货政策是什么？")).containsExactly("退货");
        assertThat(tokeniser.tokens("可以退货吗？")).containsExactly("退货");
    }

    @Test
    void tokens_singleChineseCharacterIsAWordUnlessAStopWord() {
        assertThat(tokeniser.tokens("茶")).containsExactly("茶");
        assertThat(tokeniser.tokens("我")).isEmpty();
    }

    @Test
    void tokens_particlesQuestionWordsAndPunctuationLeaveTheContentWords() {
        assertThat(tokeniser.tokens("我的订单到哪了？")).containsExactly("订单", "到");
        assertThat(tokeniser.tokens("运费是多少，包邮吗")).containsExactly("运费", "包", "邮");
    }

    @Test
    void tokens_mixedLatinAndChineseSplitAtTheScriptBoundary() {
        assertThat(tokeniser.tokens("PayPal付款")).containsExactly("paypal", "付款");
    }

    @Test
    void tokens_japaneseAndKoreanAlsoBecomeBigrams() {
        assertThat(tokeniser.tokens("ありがとう")).containsExactly("あり", "りが", "がと", "とう");
        assertThat(tokeniser.tokens("コーヒー")).containsExactly("コー", "ーヒ", "ヒー");
        assertThat(tokeniser.tokens("배송 기간")).containsExactly("배송", "기간");
    }

    @Test
    void tokens_emptyAndPunctuationOnlyTextGivesNothing() {
        assertThat(tokeniser.tokens("")).isEmpty();
        assertThat(tokeniser.tokens("?!… —")).isEmpty();
    }
}
