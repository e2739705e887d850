package io.shopsense.audience;

/** A shop's audience rule file that cannot be applied; the message names the field at fault and why. */
public final class InvalidRuleException extends Exception {
    private final String field;

    public InvalidRuleException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The path of the offending field in the rule file, e.g. {@code where.all[1].gte}. */
    public String field() {
        return field;
    }
}
