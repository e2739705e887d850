package io.shopsense.assistant;

import io.shopsense.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the assistant searches, made once whenever the FAQ or the catalogue changes and stored: the FAQ entries and
 * product passages with the terms of each (so the assistant starts without tokenising them), and the catalogue rows
 * that name products in answers and order lines. It holds shop text only, never customers' data: order answers are
 * read from the clean events when asked.
 *
 * @param tokeniser the {@link Tokeniser#VERSION} that made {@code terms}
 * @param passages  FAQ entries, then one passage per product
 * @param terms     the terms of each passage, in passage order
 * @param catalogue every catalogue row (non-products too: they name lines of past orders)
 */
public record AssistantIndex(String tokeniser, List<Passage> passages, List<List<String>> terms,
                             List<Item> catalogue) {
    public AssistantIndex {
        Objects.requireNonNull(tokeniser, "tokeniser");
        passages = List.copyOf(passages);
        terms = terms.stream().map(List::copyOf).toList();
        catalogue = List.copyOf(catalogue);
        if (terms.size() != passages.size()) {
            throw new IllegalArgumentException(terms.size() + " term lists for " + passages.size() + " passages");
        }
    }

    /** Indexes FAQ passages (from {@link FaqParser}) and the catalogue, prices shown in {@code currency}. */
    public static AssistantIndex of(List<Passage> faq, List<Item> catalogue, String currency) {
        List<Passage> passages = new ArrayList<>(faq);
        passages.addAll(CataloguePassages.of(catalogue, currency));
        Tokeniser tokeniser = new Tokeniser();
        return new AssistantIndex(Tokeniser.VERSION, passages,
                passages.stream().map(p -> tokeniser.tokens(p.indexedText())).toList(), catalogue);
    }
}
