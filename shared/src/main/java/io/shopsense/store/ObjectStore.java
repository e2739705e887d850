package io.shopsense.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The data bucket as the functions need it: read, write whole objects or files, list by prefix, delete. */
public interface ObjectStore {

    /** One stored object's key, size, ETag (without quotes) and last-modified time in epoch milliseconds. */
    record ObjectInfo(String key, long size, String eTag, long lastModifiedMillis) {
    }

    InputStream open(String key) throws IOException;

    /**
     * The object at exactly {@code key}, if there is one. Found by listing, never by HEAD or GET: unless a function
     * may list the whole bucket, S3 answers a read of a missing key 403 rather than 404, and the template grants
     * each function listing only under the prefixes it reads.
     */
    default Optional<ObjectInfo> find(String key) {
        return list(key).stream().filter(info -> info.key().equals(key)).findFirst();
    }

    void put(String key, byte[] content, String contentType);

    /**
     * Uploads a file; large files go up in parts (multipart upload), and in either case the object becomes visible
     * only when it is complete, so a crash never leaves a partial object behind.
     */
    void putFile(String key, Path file, String contentType) throws IOException;

    List<ObjectInfo> list(String prefix);

    /** Removes the object (its current version: a versioned bucket keeps the old one until its lifecycle expires it). */
    void delete(String key);
}
