package io.shopsense.campaign;

/** A campaign definition that cannot be launched; the message names the field at fault and why. */
public final class InvalidCampaignException extends Exception {
    private final String field;

    public InvalidCampaignException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The offending field of the definition, e.g. {@code holdout}. */
    public String field() {
        return field;
    }
}
