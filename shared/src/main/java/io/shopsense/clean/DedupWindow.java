package io.shopsense.clean;

/**
 * Event ids (64-bit, the first 16 hex digits of {@code eventId}) seen in earlier uploads, for cross-file
 * deduplication. In-file duplicates are caught by the cleaner itself; the window answers only "was this id recorded
 * by a <em>different</em> source?", so re-cleaning the same source after a crash never rejects its own rows.
 * Implementations bound their memory (compact hashes, oldest forgotten first) and are used from one thread.
 */
public interface DedupWindow {

    /** Whether {@code id} was recorded for a source other than {@code sourceId} and is still in the window. */
    boolean seenElsewhere(long id, String sourceId);

    /** Records {@code id} as seen in {@code sourceId}. */
    void record(long id, String sourceId);

    /** A window that remembers nothing: deduplication within each file only. */
    static DedupWindow none() {
        return NoWindow.INSTANCE;
    }

    /**
     * The window of a byte-identical copy of an earlier upload: every event is a duplicate of the upload that claimed
     * the content first, and the copy adds nothing to the window.
     */
    static DedupWindow everyIdSeen() {
        return EveryId.INSTANCE;
    }

    /** The window in which every id was seen elsewhere. */
    enum EveryId implements DedupWindow {
        INSTANCE;

        @Override
        public boolean seenElsewhere(long id, String sourceId) {
            return true;
        }

        @Override
        public void record(long id, String sourceId) {
            // the copy adds nothing to the window
        }
    }

    /** The empty window. */
    enum NoWindow implements DedupWindow {
        INSTANCE;

        @Override
        public boolean seenElsewhere(long id, String sourceId) {
            return false;
        }

        @Override
        public void record(long id, String sourceId) {
            // nothing is remembered
        }
    }
}
