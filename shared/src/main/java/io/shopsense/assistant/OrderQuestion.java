package io.shopsense.assistant;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a question about the shopper's own orders ("where is my order", "order status 536365", "我的订单到哪了").
 *
 * <p>A question is about orders when it names an order (order, parcel, package, delivery, purchase; 订单, 包裹, 快递,
 * 物流) and also makes it the shopper's own (my/our, "I ordered"; 我的), gives an order number, or asks for status
 * explicitly ("order status", "track my order"; 订单状态, 到哪). A bare mention ("how long does delivery take?",
 * "如何取消订单") stays an FAQ question. Questions that want to act on an order (return, cancel, refund; 退货, 取消)
 * are flagged so the assistant tries the FAQ first: its policy answers them better than an order listing.
 *
 * @param orderNumber the order number the shopper gave, upper-cased, or null
 * @param wantsAction the shopper wants to return, cancel, change or complain about an order
 */
record OrderQuestion(String orderNumber, boolean wantsAction) {
    private static final Pattern NOUN = Pattern.compile(
            "\\b(orders?|ordered|parcels?|packages?|deliver(?:y|ies)|purchases?|shipments?)\\b|订单|包裹|快递|物流|货");
    private static final Pattern OWN = Pattern.compile(
            "\\b(my|our|mine)\\b|\\bi\\s+(ordered|bought|placed|purchased|paid)\\b|我的|我们的|我买的|我订的|我下的");
    private static final Pattern STATUS = Pattern.compile(
            "\\border\\s+(status|history|tracking)\\b|\\bstatus\\s+of\\s+(the\\s+|an\\s+)?order\\b"
                    + "|\\btrack(ing)?\\s+(an\\s+|the\\s+)?(order|parcel|package)\\b"
                    + "|订单状态|订单查询|查询订单|查订单|物流信息|到哪|在哪");
    private static final Pattern ACTION = Pattern.compile(
            "\\b(return|returns|returning|refund|refunds|cancel|cancell?ing|cancell?ed|change|exchange|modify|amend"
                    + "|wrong|damaged|broken|missing)\\b|退货|退款|取消|修改|换货|退换|损坏|破损");
    private static final Pattern NUMBER_AFTER_WORD = Pattern.compile(
            "(?:\\border|\\binvoice|#|\\bno\\.?|\\bnumber|订单号?|单号)\\s*(?:is\\s*)?[:#：]?\\s*([a-z]?\\d{4,})\\b");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\b([a-z]?\\d{6,})\\b");

    /** The order question in {@code question}, or empty when it is not one. */
    static Optional<OrderQuestion> detect(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String number = orderNumber(text);
        boolean isAboutOrders = NOUN.matcher(text).find()
                && (number != null || OWN.matcher(text).find() || STATUS.matcher(text).find());
        if (!isAboutOrders) {
            return Optional.empty();
        }
        return Optional.of(new OrderQuestion(number, ACTION.matcher(text).find()));
    }

    private static String orderNumber(String text) {
        Matcher m = NUMBER_AFTER_WORD.matcher(text);
        if (m.find()) {
            return m.group(1).toUpperCase(Locale.ROOT);
        }
        m = BARE_NUMBER.matcher(text);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }
}
