package io.shopsense.clean;

/** Why a whole file could not be cleaned; written to the manifest with status {@code failed}. */
public enum FileError {
    /** Zero bytes (or only a BOM / whitespace). */
    EMPTY_FILE,
    /** Starts with the gzip magic bytes but the stream ends before the gzip trailer. */
    TRUNCATED_GZIP,
    /** Starts with the gzip magic bytes but is not a valid gzip stream. */
    BAD_GZIP,
    /** NUL bytes or control characters: not a text export. */
    BINARY_CONTENT,
    /** The header and shape match none of the known formats, and none was forced. */
    UNKNOWN_FORMAT,
    /** The input stream failed for another reason (I/O error). */
    UNREADABLE;

    /** The stable code, equal to the enum name. */
    public String code() {
        return name();
    }
}
