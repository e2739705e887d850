package io.shopsense.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a shop's FAQ upload ({@code raw/faq/…}) into FAQ {@link Passage}s, one per question.
 *
 * <p>Markdown: a heading, a line that is bold ({@code **Do you ship abroad?**}), or a line starting {@code Q:}
 * ({@code 问：}) opens a question; the lines that follow, until the next question, are its answer (a leading
 * {@code A:} / {@code 答：} is dropped). A heading followed directly by another question is a section title and is
 * skipped, as are a level-1 heading that asks nothing (the document's title) and text before the first question.
 *
 * <p>CSV: rows of {@code question,answer}; a header row naming the columns ({@code question}/{@code answer},
 * {@code 问题}/{@code 答案}) is recognised and may put them in any position. Rows missing either part are skipped.
 */
public final class FaqParser {
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BOLD_LINE =
            Pattern.compile("^\\s*(?:[-*+]\\s+|\\d+[.)]\\s+)?(?:\\*\\*|__)(.+?)(?:\\*\\*|__)\\s*(.*)$");
    private static final Pattern Q_LINE =
            Pattern.compile("^\\s*(?:[-*+]\\s+)?(?:q|question|问)\\s*[:：.]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern A_PREFIX =
            Pattern.compile("^\\s*(?:[-*+]\\s+)?(?:a|answer|答)\\s*[:：.]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");

    private FaqParser() {
    }

    /**
     * Parses by file name: {@code .csv} as CSV; {@code .md}, {@code .markdown} and {@code .txt} as Markdown.
     *
     * @throws IllegalArgumentException naming the file when its extension is neither
     */
    public static List<Passage> parse(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return parseCsv(baseName(fileName), content);
        }
        if (lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt")) {
            return parseMarkdown(baseName(fileName), content);
        }
        throw new IllegalArgumentException("FAQ must be .md, .markdown, .txt or .csv: " + fileName);
    }

    /** FAQ passages of a Markdown document; ids are {@code sourceName#1}, {@code sourceName#2}, … in order. */
    public static List<Passage> parseMarkdown(String sourceName, String content) {
        List<Passage> passages = new ArrayList<>();
        String question = null;
        List<String> answer = new ArrayList<>();
        boolean inFence = false;
        for (String line : stripBom(content).split("\\R", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                inFence = !inFence;
            }
            String opened = inFence ? null : questionOf(line);
            if (opened != null) {
                add(passages, sourceName, question, answer);
                question = opened;
                answer = new ArrayList<>();
                String rest = inlineAnswerOf(line);
                if (!rest.isEmpty()) {
                    answer.add(rest);
                }
            } else if (question != null && (inFence || !RULE.matcher(line).matches())) {
                answer.add(answer.isEmpty() ? A_PREFIX.matcher(line).replaceFirst("") : line);
            }
        }
        add(passages, sourceName, question, answer);
        return passages;
    }

    /** FAQ passages of a CSV document; ids are {@code sourceName#n} for the n-th data row. */
    public static List<Passage> parseCsv(String sourceName, String content) {
        List<List<String>> records = Csv.parse(content);
        int questionColumn = 0;
        int answerColumn = 1;
        int first = 0;
        if (!records.isEmpty()) {
            int[] header = headerColumns(records.get(0));
            if (header != null) {
                questionColumn = header[0];
                answerColumn = header[1];
                first = 1;
            }
        }
        List<Passage> passages = new ArrayList<>();
        for (int r = first; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() <= Math.max(questionColumn, answerColumn)) {
                continue;
            }
            String question = record.get(questionColumn).strip();
            String answer = record.get(answerColumn).strip();
            if (!question.isEmpty() && !answer.isEmpty()) {
                passages.add(new Passage(PassageSource.FAQ, sourceName + "#" + (r - first + 1), question, answer));
            }
        }
        return passages;
    }

    /** The question a line opens, or null when it continues an answer. */
    private static String questionOf(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            String text = unbold(heading.group(2));
            Matcher q = Q_LINE.matcher(text);
            if (q.matches()) {
                return q.group(1).strip();
            }
            // A level-1 heading that asks nothing is the document's title ("# FAQ"), not a question; its intro
            // text is then skipped like any text before the first question.
            return heading.group(1).length() == 1 && !isQuestion(text) ? "" : text;
        }
        Matcher q = Q_LINE.matcher(line);
        if (q.matches()) {
            return unbold(q.group(1));
        }
        Matcher bold = BOLD_LINE.matcher(line);
        if (bold.matches()) {
            String text = bold.group(1).strip();
            Matcher boldQ = Q_LINE.matcher(text);
            // A bold phrase inside an answer ("**Note:** …") must not open a question: only a bold line on its own,
            // a bold question ending in "?", or a bold "Q:" does.
            if (boldQ.matches()) {
                return boldQ.group(1).strip();
            }
            if (bold.group(2).isEmpty() || isQuestion(text)) {
                return text;
            }
        }
        return null;
    }

    /** Text on the same line after a bold question ({@code **Do you ship?** Yes, …}), else empty. */
    private static String inlineAnswerOf(String line) {
        if (HEADING.matcher(line).matches()) {
            return "";
        }
        Matcher bold = BOLD_LINE.matcher(line);
        return bold.matches() ? A_PREFIX.matcher(bold.group(2)).replaceFirst("").strip() : "";
    }

    private static void add(List<Passage> passages, String sourceName, String question, List<String> answer) {
        if (question == null || question.isBlank()) {
            return;
        }
        String text = paragraphs(answer);
        if (!text.isEmpty()) {
            passages.add(new Passage(PassageSource.FAQ, sourceName + "#" + (passages.size() + 1), question, text));
        }
    }

    /** Joins answer lines, trimming blank lines at both ends and collapsing runs of blank lines to one. */
    private static String paragraphs(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean pendingBlank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                pendingBlank = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty()) {
                out.append(pendingBlank ? "\n\n" : "\n");
            }
            out.append(line.stripTrailing());
            pendingBlank = false;
        }
        return out.toString().strip();
    }

    private static int[] headerColumns(List<String> record) {
        int question = -1;
        int answer = -1;
        for (int i = 0; i < record.size(); i++) {
            String cell = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (question < 0 && (cell.equals("question") || cell.equals("q") || cell.equals("问题"))) {
                question = i;
            } else if (answer < 0 && (cell.equals("answer") || cell.equals("a") || cell.equals("答案")
                    || cell.equals("回答"))) {
                answer = i;
            }
        }
        return question >= 0 && answer >= 0 ? new int[] {question, answer} : null;
    }

    private static boolean isQuestion(String text) {
        return text.endsWith("?") || text.endsWith("？");
    }

    private static String unbold(String text) {
        return text.replace("**", "").replace("__", "").strip();
    }

    private static String stripBom(String content) {
        return content.startsWith("\uFEFF") ? content.substring(1) : content;
    }

    private static String baseName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(slash + 1);
    }
}
