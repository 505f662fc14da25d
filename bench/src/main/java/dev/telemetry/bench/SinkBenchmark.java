package dev.telemetry.bench;

import dev.telemetry.job.kpi.MetricKpiRow;
import dev.telemetry.job.sink.Upserts;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Item 4: rows/s into {@code device_metric_kpis} through the job's own upsert statement, binder and
 * batch size, executed as the Flink JDBC connector executes them ({@code addBatch}, {@code
 * executeBatch} per batch, auto-commit), against PostgreSQL's {@code COPY} into a table of the same
 * shape (same columns, primary key and indexes).
 */
final class SinkBenchmark {

    private static final long WINDOW_MS = 60_000;
    private static final int COPY_CHUNK_ROWS = 10_000;

    private SinkBenchmark() {}

    /** Rows as the KPI window emits them: every metric of every device, window after window. */
    static List<MetricKpiRow> rows(int count) {
        List<MetricKpiRow> rows = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(7);
        long windowStart = ThroughputInput.START;
        int device = 0;
        Family[] families = Family.values();
        while (rows.size() < count) {
            Family family = families[device % families.length];
            for (MetricDefinition metric : Metrics.of(family)) {
                if (rows.size() == count) {
                    break;
                }
                double avg = random.nextDouble(0, 1000);
                rows.add(
                        new MetricKpiRow(
                                family.id() + "-" + device,
                                family.id(),
                                windowStart,
                                windowStart + WINDOW_MS,
                                metric.name(),
                                metric.unit(),
                                60,
                                avg - 10,
                                avg,
                                avg + 10,
                                avg + 1,
                                3.5));
            }
            if (++device == 1000) {
                device = 0;
                windowStart += WINDOW_MS;
            }
        }
        return rows;
    }

    /** The job's path; returns rows/s. */
    static double upsert(Connection connection, List<MetricKpiRow> rows, int batchSize)
            throws SQLException {
        Upserts.Upsert<MetricKpiRow> upsert = Upserts.deviceMetricKpis();
        connection.setAutoCommit(true);
        long started = System.nanoTime();
        try (PreparedStatement ps = connection.prepareStatement(upsert.sql())) {
            int pending = 0;
            for (MetricKpiRow row : rows) {
                upsert.binder().accept(ps, row);
                ps.addBatch();
                if (++pending == batchSize) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return rows.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** Creates the baseline's table: the KPI table's columns, keys and indexes, no rows. */
    static void createCopyTable(Connection connection) throws SQLException {
        try (var s = connection.createStatement()) {
            s.execute(
                    "CREATE TABLE device_metric_kpis_copy (LIKE device_metric_kpis INCLUDING ALL)");
        }
    }

    /** Baseline: {@code COPY ... FROM STDIN} in chunks, one transaction; returns rows/s. */
    static double copy(Connection connection, List<MetricKpiRow> rows)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String sql =
                "COPY device_metric_kpis_copy (device_id, window_start, metric, window_end, family,"
                        + " unit, sample_count, min_value, avg_value, max_value, last_value,"
                        + " stddev_value) FROM STDIN";
        connection.setAutoCommit(false);
        long started = System.nanoTime();
        StringBuilder text = new StringBuilder(COPY_CHUNK_ROWS * 128);
        int inChunk = 0;
        for (MetricKpiRow r : rows) {
            text.append(r.deviceId())
                    .append('\t')
                    .append(Instant.ofEpochMilli(r.windowStart()))
                    .append('\t')
                    .append(r.metric())
                    .append('\t')
                    .append(Instant.ofEpochMilli(r.windowEnd()))
                    .append('\t')
                    .append(r.family())
                    .append('\t')
                    .append(r.unit())
                    .append('\t')
                    .append(r.sampleCount())
                    .append('\t')
                    .append(r.min())
                    .append('\t')
                    .append(r.avg())
                    .append('\t')
                    .append(r.max())
                    .append('\t')
                    .append(r.last())
                    .append('\t')
                    .append(r.stddev())
                    .append('\n');
            if (++inChunk == COPY_CHUNK_ROWS) {
                copy.copyIn(sql, new StringReader(text.toString()));
                text.setLength(0);
                inChunk = 0;
            }
        }
        if (inChunk > 0) {
            copy.copyIn(sql, new StringReader(text.toString()));
        }
        connection.commit();
        double rate = rows.size() / ((System.nanoTime() - started) / 1e9);
        connection.setAutoCommit(true);
        return rate;
    }
}
