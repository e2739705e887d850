package io.shopsense.local.cli;

/** Bad usage or unreadable input: the command exits 2 with this one-line reason. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
