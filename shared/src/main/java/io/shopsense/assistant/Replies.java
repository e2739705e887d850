package io.shopsense.assistant;

import io.shopsense.model.Item;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fixed sentences the assistant says around retrieved passages, in English or Chinese (chosen by the question's
 * script). Every sentence states only what the data holds: the events know purchases and refunds, not shipping.
 */
final class Replies {
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINESE);
    private static final int MAX_LINES_SHOWN = 3;

    private final boolean chinese;
    private final String contact;
    private final ZoneId zone;

    private Replies(boolean chinese, String contact, ZoneId zone) {
        this.chinese = chinese;
        this.contact = contact;
        this.zone = zone;
    }

    /** Chinese replies for a question written in Han characters without kana or Hangul, English otherwise. */
    static Replies forQuestion(String question, AssistantConfig config) {
        boolean han = false;
        boolean otherCjk = false;
        for (int i = 0; i < question.length(); ) {
            int cp = question.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            han |= script == Character.UnicodeScript.HAN;
            otherCjk |= script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL;
            i += Character.charCount(cp);
        }
        return new Replies(han && !otherCjk, config.contact(), config.zone());
    }

    String unknown() {
        return chinese
                ? "抱歉，我不确定这个问题的答案。请联系我们：" + contact
                : "Sorry, I don't know the answer to that. Please contact us: " + contact;
    }

    String signIn() {
        return chinese
                ? "请先登录，或告诉我您的订单号，我就能帮您查询订单。"
                : "Please sign in, or tell me your order number, and I can look up your order.";
    }

    String orderNotFoundSignedOut(String orderNumber) {
        return chinese
                ? "我找不到订单 " + orderNumber + "。请登录后再试，或联系我们：" + contact
                : "I can't find order " + orderNumber + ". Please sign in and ask again, or contact us: " + contact;
    }

    String orderNotFound(String orderNumber) {
        return chinese
                ? "您的账户中没有订单 " + orderNumber + "。如有疑问请联系我们：" + contact
                : "I can't find order " + orderNumber + " on your account. If you think this is wrong, contact us: "
                + contact;
    }

    String noOrders() {
        return chinese
                ? "您的账户中还没有订单记录。如有疑问请联系我们：" + contact
                : "I can't find any orders on your account yet. If you think this is wrong, contact us: " + contact;
    }

    /** Status only, for a shopper who gave an order number without signing in: no items or amounts. */
    String orderStatusOnly(OrderSummary order) {
        return chinese
                ? "订单 " + order.orderId() + "（" + date(order) + "）：" + status(order.status()) + "，共 "
                + order.units() + " 件商品。登录后可查看详情。"
                : "Order " + order.orderId() + " of " + date(order) + ": " + status(order.status()) + ", "
                + order.units() + " items. Sign in to see the details.";
    }

    String orders(List<OrderSummary> orders) {
        StringBuilder text = new StringBuilder(chinese
                ? (orders.size() == 1 ? "您的订单：" : "您最近的订单：")
                : (orders.size() == 1 ? "Your order:" : "Your latest orders:"));
        for (OrderSummary order : orders) {
            text.append('\n').append("- ").append(orderLine(order));
        }
        // The events say nothing about delivery, so say where to ask rather than guess.
        text.append('\n').append(chinese
                ? "物流进度请联系我们：" + contact
                : "For delivery tracking, contact us: " + contact);
        return text.toString();
    }

    private String orderLine(OrderSummary order) {
        String items = order.lines().stream().limit(MAX_LINES_SHOWN)
                .map(l -> l.title() + " ×" + l.quantity()).collect(Collectors.joining(", "));
        if (order.lines().size() > MAX_LINES_SHOWN) {
            int more = order.lines().size() - MAX_LINES_SHOWN;
            items += chinese ? " 等另外 " + more + " 种" : " and " + more + " more";
        }
        String id = order.orderId() == null ? "" : " " + order.orderId();
        String money = Money.format(order.total(), order.currency());
        String refund = order.refunded() > 0 ? Money.format(order.refunded(), order.currency()) : null;
        if (chinese) {
            return "订单" + id + "（" + date(order) + "）：" + items + "，合计 " + money + "，" + status(order.status())
                    + (refund != null ? "（已退 " + refund + "）" : "");
        }
        return "Order" + id + " of " + date(order) + ": " + items + "; total " + money + "; "
                + status(order.status()) + (refund != null ? " (" + refund + " refunded)" : "");
    }

    String product(Item item, String currency, List<Item> alternatives) {
        String price = Money.format(item.price(), currency);
        String text;
        if (chinese) {
            text = "我们有 " + item.title().strip() + "（商品编号 " + item.itemId() + "），价格 " + price + "，"
                    + (item.inStock() ? "有货。" : "目前缺货。");
        } else {
            text = item.inStock()
                    ? "Yes: " + item.title().strip() + " (item " + item.itemId() + ") costs " + price
                    + " and is in stock."
                    : "We list " + item.title().strip() + " (item " + item.itemId() + ") at " + price
                    + ", but it is out of stock at the moment.";
        }
        if (!alternatives.isEmpty()) {
            String others = alternatives.stream()
                    .map(a -> a.title().strip() + " (" + Money.format(a.price(), currency)
                            + (a.inStock() ? "" : chinese ? "，缺货" : ", out of stock") + ")")
                    .collect(Collectors.joining(chinese ? "；" : "; "));
            text += chinese ? "相近商品：" + others + "。" : " Similar: " + others + ".";
        }
        return text;
    }

    private String date(OrderSummary order) {
        return (chinese ? ZH_DATE : EN_DATE).format(order.placedAt().atZone(zone));
    }

    private String status(OrderStatus status) {
        return switch (status) {
            case PURCHASED -> chinese ? "已购买" : "purchased";
            case PARTLY_REFUNDED -> chinese ? "部分退款" : "partly refunded";
            case REFUNDED -> chinese ? "已退款" : "refunded";
        };
    }
}
