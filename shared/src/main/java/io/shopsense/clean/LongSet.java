package io.shopsense.clean;

/**
 * A bounded set of 64-bit hashes with an int tag each: two open-addressing generations; when the young one is full it
 * becomes the old one and the previous old one is dropped. Memory stays under about 24 bytes × capacity, and the most
 * recent capacity/2 ids are always remembered (the oldest are forgotten first, in blocks).
 */
final class LongSet {
    private final int generationSize;
    private final boolean tagged;
    private Generation young;
    private Generation old;

    /** {@code tagged = false} keeps no tags (every tag reads as 0) and saves a third of the memory. */
    LongSet(int capacity, boolean tagged) {
        this.generationSize = Math.max(1, capacity / 2);
        this.tagged = tagged;
        this.young = new Generation(1 << 12, tagged);
    }

    /** The tag of {@code key}, or -1 when absent. */
    int get(long key) {
        int tag = young.get(key);
        if (tag < 0 && old != null) {
            tag = old.get(key);
        }
        return tag;
    }

    /** Adds {@code key}; returns false (and changes nothing) if it was present. */
    boolean add(long key, int tag) {
        if (old != null && old.get(key) >= 0) {
            return false;
        }
        if (young.size >= generationSize) {
            if (young.get(key) >= 0) {
                return false;
            }
            old = young;
            young = new Generation(1 << 12, tagged);
        }
        return young.putIfAbsent(key, tag);
    }

    private static final class Generation {
        long[] keys;
        int[] tags;
        int size;
        boolean hasZero;
        int zeroTag;

        Generation(int slots, boolean tagged) {
            keys = new long[slots];
            tags = tagged ? new int[slots] : null;
        }

        int get(long key) {
            if (key == 0) {
                return hasZero ? zeroTag : -1;
            }
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    return tags == null ? 0 : tags[i];
                }
                if (k == 0) {
                    return -1;
                }
            }
        }

        /** One probe: finds the key or inserts it where the probe stopped. */
        boolean putIfAbsent(long key, int tag) {
            if (key == 0) {
                if (hasZero) {
                    return false;
                }
                size++;
                hasZero = true;
                zeroTag = tag;
                return true;
            }
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            for (long k; (k = keys[i]) != 0; i = (i + 1) & mask) {
                if (k == key) {
                    return false;
                }
            }
            keys[i] = key;
            if (tags != null) {
                tags[i] = tag;
            }
            if (++size * 4 > keys.length * 3) { // load 3/4: half the memory of 1/2, still short probes
                grow();
            }
            return true;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldTags = tags;
            keys = new long[oldKeys.length * 2];
            tags = oldTags == null ? null : new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    insert(keys, tags, oldKeys[i], oldTags == null ? 0 : oldTags[i]);
                }
            }
        }

        private static void insert(long[] keys, int[] tags, long key, int tag) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            if (tags != null) {
                tags[i] = tag;
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
