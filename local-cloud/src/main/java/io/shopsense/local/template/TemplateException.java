package io.shopsense.local.template;

/** A template the local cloud cannot read or evaluate; the message names the part at fault. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
