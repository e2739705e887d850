package io.shopsense.clean;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A {@link CleanOutput} that keeps everything in lists, for assertions. */
final class RecordingOutput implements CleanOutput {
    record Row(RowKind kind, LocalDate dt, String json) {}

    final List<Row> rows = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();

    @Override
    public void row(RowKind kind, LocalDate dt, String jsonLine) {
        rows.add(new Row(kind, dt, jsonLine));
    }

    @Override
    public void reject(Reject reject) {
        rejects.add(reject);
    }

    List<String> lines(RowKind kind) {
        return rows.stream().filter(r -> r.kind() == kind).map(Row::json).toList();
    }
}
