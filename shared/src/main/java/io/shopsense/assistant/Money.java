package io.shopsense.assistant;

import java.util.Locale;

/** Formats amounts for shoppers: a symbol for the common currencies, the ISO code otherwise. */
final class Money {
    private Money() {
    }

    static String format(double amount, String currency) {
        String number = String.format(Locale.ROOT, "%.2f", amount);
        String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
        return switch (code) {
            case "GBP" -> "£" + number;
            case "USD" -> "$" + number;
            case "EUR" -> "€" + number;
            case "CNY", "JPY" -> "¥" + number;
            case "" -> number;
            default -> number + " " + code;
        };
    }
}
