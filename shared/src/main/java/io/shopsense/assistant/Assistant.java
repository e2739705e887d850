package io.shopsense.assistant;

import io.shopsense.model.Event;
import io.shopsense.model.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shop assistant: answers a shopper's question from the shop's FAQ and catalogue by BM25 retrieval, and "my
 * order" questions from the shopper's clean events. Immutable and thread-safe; build it once per container.
 *
 * <p><b>Confidence.</b> BM25 scores have no fixed scale, so the confidence of an FAQ or catalogue answer combines two
 * bounded signals of the best passage: its <i>coverage</i>, the share of the question's IDF weight (over its distinct
 * terms, counting terms no passage has at the IDF of a term in no passage) that the passage contains, and its
 * <i>margin</i>, {@code (s1 − s2) / s1} over the runner-up's score (1 when there is none):
 * {@code confidence = coverage × (1 − w + w × margin)} with {@code w} = {@link AssistantConfig#marginWeight()}. A
 * question whose rare words appear in no passage ("do you sell red teapots?" in a shop without teapots) thus scores
 * low however well its common words match, and an answer is given only when the confidence reaches
 * {@link AssistantConfig#threshold()}; below it the assistant says it does not know and offers the shop's contact.
 */
public final class Assistant {
    /** Longer questions are cut here before tokenising, which bounds the work one request can cause. */
    static final int MAX_QUESTION_CHARS = 2000;
    private static final int CANDIDATES = 5;
    /** Catalogue hits scoring at least this share of the best are offered alongside it. */
    private static final double SIMILAR_SHARE = 0.9;
    private static final int MAX_SIMILAR = 2;

    private final Bm25Index index;
    private final AssistantConfig config;
    private final Map<String, Item> itemsById;
    private final Map<String, String> titlesById;

    private Assistant(Bm25Index index, AssistantConfig config, Map<String, Item> itemsById,
                      Map<String, String> titlesById) {
        this.index = index;
        this.config = config;
        this.itemsById = itemsById;
        this.titlesById = titlesById;
    }

    /**
     * An assistant over FAQ passages (from {@link FaqParser}) and the catalogue; catalogue lines that are not products
     * are not searched but still name the items of past orders.
     */
    public static Assistant create(List<Passage> faq, List<Item> catalogue, AssistantConfig config) {
        Objects.requireNonNull(config, "config");
        return fromIndex(AssistantIndex.of(faq, catalogue, config.currency()), config);
    }

    /**
     * An assistant over a stored index: its terms are used as they are when the index was made by this
     * {@link Tokeniser#VERSION}, else its passages are tokenised again.
     */
    public static Assistant fromIndex(AssistantIndex stored, AssistantConfig config) {
        Objects.requireNonNull(config, "config");
        Tokeniser tokeniser = new Tokeniser();
        Bm25Index index = Tokeniser.VERSION.equals(stored.tokeniser())
                ? Bm25Index.build(stored.passages(), stored.terms(), tokeniser, config.bm25())
                : Bm25Index.build(stored.passages(), tokeniser, config.bm25());
        Map<String, Item> items = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        for (Item item : stored.catalogue()) {
            items.put(item.itemId(), item);
            if (item.title() != null && !item.title().isBlank()) {
                titles.put(item.itemId(), item.title().strip());
            }
        }
        return new Assistant(index, config, Map.copyOf(items), Map.copyOf(titles));
    }

    /** Answers a question from a shopper who is not signed in and without order data. */
    public Answer ask(String question) {
        return ask(question, null, OrderLookup.NONE);
    }

    /**
     * Answers one question.
     *
     * @param question what the shopper typed (cut at 2,000 characters)
     * @param userId   the signed-in shopper, or null; order details are shown only to them
     * @param orders   where the shopper's clean events are read from, for order questions
     */
    public Answer ask(String question, String userId, OrderLookup orders) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(orders, "orders");
        String asked = question.length() > MAX_QUESTION_CHARS ? question.substring(0, MAX_QUESTION_CHARS) : question;
        Replies replies = Replies.forQuestion(asked, config);
        Optional<OrderQuestion> orderQuestion = OrderQuestion.detect(asked);
        if (orderQuestion.isEmpty()) {
            return retrieve(asked, replies);
        }
        if (orderQuestion.get().wantsAction()) {
            // "How do I return my order?" is answered by the shop's policy when the FAQ has it.
            Answer policy = retrieve(asked, replies);
            if (policy.answered()) {
                return policy;
            }
        }
        return answerAboutOrders(asked, orderQuestion.get(), userId, orders, replies);
    }

    /** The best passages for a question with their scores, for diagnostics and the FAQ dashboard. */
    public List<ScoredPassage> search(String question, int limit) {
        return index.search(question, limit);
    }

    /** Number of passages searched (FAQ entries plus products). */
    public int passageCount() {
        return index.size();
    }

    private Answer retrieve(String question, Replies replies) {
        List<String> terms = index.tokeniser().tokens(question);
        List<ScoredPassage> hits = index.search(terms, CANDIDATES);
        double confidence = confidence(terms, hits);
        if (hits.isEmpty() || confidence < config.threshold()) {
            return new Answer(question, replies.unknown(), AnswerKind.UNKNOWN, null, confidence, false);
        }
        Passage best = bestOfTies(terms, hits);
        if (best.source() == PassageSource.CATALOGUE) {
            Item item = itemsById.get(best.id());
            List<Item> similar = hits.stream()
                    .filter(h -> h.passage() != best && h.passage().source() == PassageSource.CATALOGUE)
                    .filter(h -> h.score() >= SIMILAR_SHARE * hits.get(0).score())
                    .limit(MAX_SIMILAR)
                    .map(h -> itemsById.get(h.passage().id()))
                    .toList();
            return new Answer(question, replies.product(item, config.currency(), similar), AnswerKind.CATALOGUE,
                    best, confidence, true);
        }
        return new Answer(question, best.text(), AnswerKind.FAQ, best, confidence, true);
    }

    /**
     * Among passages tied for the best score (same terms, same length: "jam jar" against "JAM JAR WITH PINK LID" and
     * "JAM MAKING SET WITH JARS"), the one where the most consecutive question terms stand next to each other.
     */
    private Passage bestOfTies(List<String> terms, List<ScoredPassage> hits) {
        double top = hits.get(0).score();
        Passage best = hits.get(0).passage();
        int bestPairs = -1;
        for (ScoredPassage hit : hits) {
            if (hit.score() < top - 1e-9 * top) {
                break;
            }
            int pairs = adjacentPairs(terms, index.terms(hit.passage()));
            if (pairs > bestPairs) {
                best = hit.passage();
                bestPairs = pairs;
            }
        }
        return best;
    }

    private static int adjacentPairs(List<String> question, List<String> passage) {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i + 1 < passage.size(); i++) {
            pairs.add(passage.get(i) + " " + passage.get(i + 1));
        }
        int count = 0;
        for (int i = 0; i + 1 < question.size(); i++) {
            if (pairs.contains(question.get(i) + " " + question.get(i + 1))) {
                count++;
            }
        }
        return count;
    }

    /** Coverage of the question's IDF weight by the best passage, discounted when the runner-up is as good. */
    private double confidence(List<String> terms, List<ScoredPassage> hits) {
        if (hits.isEmpty()) {
            return 0;
        }
        double total = index.totalIdf(terms);
        double coverage = total == 0 ? 0 : hits.get(0).matchedIdf() / total;
        double s1 = hits.get(0).score();
        double margin = hits.size() < 2 ? 1 : (s1 - hits.get(1).score()) / s1;
        double w = config.marginWeight();
        return Math.max(0, Math.min(1, coverage * (1 - w + w * margin)));
    }

    private Answer answerAboutOrders(String question, OrderQuestion orderQuestion, String userId,
                                     OrderLookup orders, Replies replies) {
        String number = orderQuestion.orderNumber();
        if (userId == null || userId.isBlank()) {
            if (number == null) {
                return new Answer(question, replies.signIn(), AnswerKind.SIGN_IN, null, 1, false);
            }
            List<Event> events = new ArrayList<>(orders.eventsOfOrder(number));
            if (!number.startsWith("C")) {
                // Refunds of an order may be filed under its cancellation number (C536366 cancels 536366).
                events.addAll(orders.eventsOfOrder("C" + number));
            }
            Optional<OrderSummary> order = OrderHistory.ordersOf(events, titlesById).stream()
                    .filter(o -> number.equalsIgnoreCase(o.orderId())).findFirst();
            if (order.isEmpty()) {
                return new Answer(question, replies.orderNotFoundSignedOut(number), AnswerKind.SIGN_IN, null, 1,
                        false);
            }
            String text = replies.orderStatusOnly(order.get());
            return new Answer(question, text, AnswerKind.ORDERS,
                    new Passage(PassageSource.ORDERS, number, "Order " + number, text), 1, true);
        }
        OrderHistory history = OrderHistory.of(userId, orders.eventsOfUser(userId), titlesById);
        if (number != null) {
            Optional<OrderSummary> order = history.find(number);
            if (order.isEmpty()) {
                return new Answer(question, replies.orderNotFound(number), AnswerKind.ORDERS, null, 1, false);
            }
            String text = replies.orders(List.of(order.get()));
            return new Answer(question, text, AnswerKind.ORDERS,
                    new Passage(PassageSource.ORDERS, order.get().orderId(), "Order " + number, text), 1, true);
        }
        List<OrderSummary> latest = history.latest(config.maxOrders());
        if (latest.isEmpty()) {
            return new Answer(question, replies.noOrders(), AnswerKind.ORDERS, null, 1, false);
        }
        String text = replies.orders(latest);
        String ids = String.join(",", latest.stream()
                .map(o -> o.orderId() == null ? o.placedAt().toString() : o.orderId()).toList());
        return new Answer(question, text, AnswerKind.ORDERS,
                new Passage(PassageSource.ORDERS, ids, "Latest orders", text), 1, true);
    }
}
