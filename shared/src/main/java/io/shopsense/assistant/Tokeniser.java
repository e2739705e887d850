package io.shopsense.assistant;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits text into the terms the retrieval index and the questions share.
 *
 * <p>Text is NFKC-normalised (full-width letters and digits become ASCII) and lower-cased. Runs of letters and digits
 * make words; English stop words and single letters are dropped and plurals are reduced to their singular by a few
 * suffix rules ({@code boxes → box}, {@code berries → berry}, {@code jars → jar}). Chinese, Japanese and Korean
 * have no spaces between words. A run of Chinese characters is segmented into words by Lucene's smartcn analyser
 * (a hidden Markov model over its bundled dictionary: {@code 你们的退货政策是什么 → 你们, 的, 退货, 政策, 是, 什么}),
 * and Chinese stop words (pronouns, particles, question words: {@code 你们 的 是 什么 可以 吗 …}) are dropped, so a
 * question and an FAQ entry meet on their content words ({@code 退货, 政策} against {@code 退货}). Runs with Japanese
 * kana or Korean Hangul become their overlapping character bigrams ({@code ありがとう → あり, りが, がと, とう}).
 * The segmenter's dictionary loads on the first Chinese text, not before: an index read from its artefact and
 * English questions never pay for it.
 */
public final class Tokeniser {
    /** Changes whenever the terms of some text change, so stored term lists of another version are not trusted. */
    public static final String VERSION = "smartcn-9.12.3-1";
    /**
     * English stop words, with the question and politeness words shoppers add that carry no topic, and "policy",
     * which frames a question about the shop's rules ("what is your return policy?") without naming one: a word
     * found in no passage lowers the confidence as much as a real topic the FAQ lacks would.
     */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
            "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from",
            "get", "got", "had", "has", "have", "having", "he", "hello", "her", "here", "hey", "hi", "him", "his",
            "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "let", "like", "me", "might", "much",
            "must", "my", "need", "of", "on", "or", "our", "ours", "please", "policy", "she", "should", "so", "some",
            "tell",
            "than", "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "to", "too", "us", "very", "want", "was", "we", "were", "what", "when", "where", "which",
            "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours");
    /**
     * Chinese stop words: pronouns, particles, auxiliaries, conjunctions, the question and politeness words
     * shoppers add ("what is", "can I", "please"), which carry no topic, and 政策 ("policy", as in English). Kept
     * short on purpose: nouns and verbs that name a topic (退货 return, 运费 shipping, 钱 money) stay.
     */
    private static final Set<String> CHINESE_STOP_WORDS = Set.of(
            "我", "你", "您", "他", "她", "它", "我们", "你们", "您们", "他们", "她们", "它们", "咱们", "自己",
            "的", "地", "得", "了", "着", "过", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "哦", "哈", "啦",
            "是", "有", "在", "和", "与", "及", "或", "或者", "也", "都", "就", "还", "又", "很", "要", "会", "能",
            "想", "把", "被", "给", "让", "对", "从", "向", "这", "那", "这个", "那个", "这些", "那些", "个",
            "什么", "怎么", "怎么样", "怎样", "如何", "为什么", "为何", "哪", "哪些", "哪里", "哪儿", "哪个", "多少",
            "几", "谁", "是否", "能否", "可否", "可以", "可不可以", "能不能", "请", "请问", "您好", "你好", "谢谢",
            "一下", "一些", "政策");
    /** CJK single characters that carry no topic when they stand alone in a kana or Hangul run. */
    private static final Set<String> CJK_STOP = Set.of("我", "你", "您", "他", "她", "它", "们", "是", "有", "在", "了");

    /** Terms of {@code text} in order, duplicates kept (term frequency matters to BM25). */
    public List<String> tokens(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        int i = 0;
        while (i < normal.length()) {
            int cp = normal.codePointAt(i);
            if (isCjk(cp)) {
                flushWord(word, out);
                cjk.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushCjk(cjk, out);
                word.appendCodePoint(cp);
            } else if ((cp == '\'' || cp == '’') && !word.isEmpty()) {
                // "poppy's" and "50's": drop the possessive so the stem matches "poppy".
                flushWord(word, out);
                if (i + 1 < normal.length() && normal.charAt(i + 1) == 's') {
                    i++;
                }
            } else {
                flushWord(word, out);
                flushCjk(cjk, out);
            }
            i += Character.charCount(cp);
        }
        flushWord(word, out);
        flushCjk(cjk, out);
        return out;
    }

    /** True for the scripts tokenised by bigrams: Han, Hiragana, Katakana (with its long-vowel mark), Hangul. */
    static boolean isCjk(int codePoint) {
        if (codePoint == 'ー') {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        boolean singleLetter = w.codePointCount(0, w.length()) == 1 && !Character.isDigit(w.codePointAt(0));
        if (!singleLetter && !STOP_WORDS.contains(w)) {
            out.add(singular(w));
        }
    }

    private static void flushCjk(StringBuilder run, List<String> out) {
        if (run.isEmpty()) {
            return;
        }
        String text = run.toString();
        run.setLength(0);
        if (text.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            addChineseWords(text, out);
        } else {
            addCjkTerms(text, out);
        }
    }

    /** The words of a run of Chinese characters, by smartcn, stop words dropped. */
    private static void addChineseWords(String run, List<String> out) {
        try (HMMChineseTokenizer words = new HMMChineseTokenizer()) {
            CharTermAttribute term = words.addAttribute(CharTermAttribute.class);
            words.setReader(new StringReader(run));
            words.reset();
            while (words.incrementToken()) {
                String word = term.toString();
                if (!CHINESE_STOP_WORDS.contains(word)) {
                    out.add(word);
                }
            }
            words.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot segment Chinese text", e);   // a StringReader does not fail
        }
    }

    private static void addCjkTerms(String run, List<String> out) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            String single = new String(cps, 0, 1);
            if (!CJK_STOP.contains(single)) {
                out.add(single);
            }
            return;
        }
        for (int k = 0; k + 1 < cps.length; k++) {
            out.add(new String(cps, k, 2));
        }
    }

    /**
     * A light plural stemmer (after Harman's S-stemmer, with the {@code -es} rule narrowed to sibilants so that
     * {@code boxes} and {@code box} meet): {@code -ies → -y}, {@code -ches/-shes/-sses/-xes → drop -es},
     * otherwise a final {@code -s} is dropped unless the word ends in {@code -ss}, {@code -us} or {@code -is}.
     */
    static String singular(String w) {
        if (w.length() <= 3 || !w.endsWith("s") || !Character.isLetter(w.charAt(w.length() - 2))) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        return w.substring(0, w.length() - 1);
    }
}
