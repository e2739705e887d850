package io.shopsense.assistant;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into the terms the retrieval index and the questions share.
 *
 * <p>Text is NFKC-normalised (full-width letters and digits become ASCII) and lower-cased. Runs of letters and digits
 * make words; English stop words and single letters are dropped and plurals are reduced to their singular by a few
 * suffix rules ({@code boxes → box}, {@code berries → berry}, {@code jars → jar}). Chinese, Japanese and Korean
 * (Han, Hiragana, Katakana, Hangul) have no spaces between words, so each CJK run becomes its overlapping character
 * bigrams ({@code 退货政策 → 退货, 货政, 政策}), or the single character when the run has one; a few CJK particles
 * ({@code 的 吗 呢 吧 啊 呀 嘛 了 是}) and question words ({@code 怎么 如何 什么 多少 哪些 可以 …}) end a run, so that
 * {@code 我的订单} gives {@code 订单} and not {@code 的订}, and {@code 怎么退货} gives {@code 退货} alone: bigrams
 * spanning a question word match nothing and would only dilute the question.
 */
public final class Tokeniser {
    /** English stop words, with the question and politeness words shoppers add that carry no topic. */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
            "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from",
            "get", "got", "had", "has", "have", "having", "he", "hello", "her", "here", "hey", "hi", "him", "his",
            "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "let", "like", "me", "might", "much",
            "must", "my", "need", "of", "on", "or", "our", "ours", "please", "she", "should", "so", "some", "tell",
            "than", "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "to", "too", "us", "very", "want", "was", "we", "were", "what", "when", "where", "which",
            "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours");
    /** CJK characters that end a run: possessive and question particles, which only glue words together. */
    private static final String CJK_BREAKS = "的吗呢吧啊呀嘛了是";
    /** CJK question and politeness words, removed from runs before bigramming. */
    private static final List<String> CJK_FUNCTION_WORDS = List.of(
            "为什么", "怎么样", "怎么", "怎样", "如何", "什么", "哪些", "哪里", "哪儿", "多少", "可以", "能否", "是否",
            "请问", "你们", "我们", "您好", "一下");
    /** CJK single characters that carry no topic when they stand alone. */
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
            if (isCjk(cp) && CJK_BREAKS.indexOf(cp) < 0) {
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
        for (String word : CJK_FUNCTION_WORDS) {
            text = text.replace(word, " ");
        }
        for (String piece : text.split(" ")) {
            if (!piece.isEmpty()) {
                addCjkTerms(piece, out);
            }
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
