package io.shopsense.clean;

/**
 * Which customers were erased, as cleaning needs to know: their rows are dropped (counted as erased in the manifest,
 * with no rejects line and no raw text kept), whether they would have been clean or rejected.
 */
public interface ErasedFilter {
    /** Nobody erased (the command line's local files, tests). */
    ErasedFilter NONE = new ErasedFilter() {
        @Override
        public boolean isErased(String userId) {
            return false;
        }

        @Override
        public boolean mentionedIn(String rawText) {
            return false;
        }
    };

    /** Whether the customer id, exactly as cleaning derived it, was erased; null (anonymous) never was. */
    boolean isErased(String userId);

    /** Whether a row's raw text names an erased customer (an id or an email address). */
    boolean mentionedIn(String rawText);
}
