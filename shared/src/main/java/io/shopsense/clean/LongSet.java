package io.shopsense.clean;

/**
 * A bounded set of 64-bit hashes with an int tag each: two open-addressing generations; when the young one is full it
 * becomes the old one and the previous old one is dropped. Memory stays under about 24 bytes × capacity, and the most
 * recent capacity/2 ids are always remembered (the oldest are forgotten first, in blocks).
 */
final class LongSet {
    private final int generationSize;
    private Generation young = new Generation(1 << 12);
    private Generation old;

    LongSet(int capacity) {
        this.generationSize = Math.max(1, capacity / 2);
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
            young = new Generation(1 << 12);
        }
        return young.putIfAbsent(key, tag);
    }

    private static final class Generation {
        long[] keys;
        int[] tags;
        int size;
        boolean hasZero;
        int zeroTag;

        Generation(int slots) {
            keys = new long[slots];
            tags = new int[slots];
        }

        int get(long key) {
            if (key == 0) {
                return hasZero ? zeroTag : -1;
            }
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    return tags[i];
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
            tags[i] = tag;
            if (++size * 2 > keys.length) {
                grow();
            }
            return true;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldTags = tags;
            keys = new long[oldKeys.length * 2];
            tags = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    insert(keys, tags, oldKeys[i], oldTags[i]);
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
            tags[i] = tag;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
