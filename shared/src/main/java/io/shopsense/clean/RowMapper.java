package io.shopsense.clean;

/**
 * Turns the records of one format into events (or catalogue / ad rows) through {@link CleanRun}. Every call to
 * {@link #map} ends in exactly one {@code run.accept()} or {@code run.reject(…)} per source row.
 */
abstract class RowMapper {
    final CleanRun run;

    RowMapper(CleanRun run) {
        this.run = run;
    }

    /** Maps one non-blank record that passed the generic checks (length, quoting, column count, encoding). */
    abstract void map(RecordReader rec, long row);

    /** Called once after the last record (Online Retail writes its catalogue here). */
    void finish() {
    }

    final void reject(RecordReader rec, long row, RejectReason reason, String detail) {
        run.reject(row, evidence(rec), reason, detail);
    }

    /** The record's text as a reject line keeps it: the raw text, unless the format holds personal columns. */
    String evidence(RecordReader rec) {
        return rec.raw();
    }

    /** Outcome of {@link CleanRun#event}: accepted or rejected with its detail. */
    final boolean settle(RecordReader rec, long row, RejectReason reason) {
        if (reason == null) {
            run.accept();
            return true;
        }
        reject(rec, row, reason, run.detail);
        return false;
    }

    /** Index of the first header (normalised) among {@code names}, or -1. */
    static int column(String[] header, String... names) {
        for (String name : names) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static int required(String[] header, String label, String... names) throws InputDecoder.FileFailure {
        int i = column(header, names);
        if (i < 0) {
            throw new InputDecoder.FileFailure(FileError.UNKNOWN_FORMAT, "the header has no " + label + " column");
        }
        return i;
    }

    static String cell(RecordReader rec, int i) {
        return i < 0 ? "" : rec.field(i);
    }
}
