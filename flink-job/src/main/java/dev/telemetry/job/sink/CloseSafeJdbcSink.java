package dev.telemetry.job.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An at-least-once {@link JdbcSink} whose writer does not throw from {@code close()}, so that a
 * failed database write fails the task and restarts the job instead of ending the TaskManager.
 *
 * <p>When a flush fails (database down, schema mismatch), the connector's {@code close()} flushes
 * the rest of the batch once more and rethrows. Flink closes the writer while it cleans up the
 * already failed task, where an exception is fatal ("FATAL - exception in exception handler") and
 * the TaskManager JVM exits. Ignoring that exception loses nothing: every checkpoint and the end of
 * the input flush through {@link StatefulSinkWriter#flush(boolean)}, which still throws, so rows
 * not yet written at {@code close()} belong to a failing or cancelled task and are written again
 * from the last checkpoint.
 *
 * <p>The sink implements the same interfaces as {@link JdbcSink}, which Flink's sink translation
 * and writer operator check with {@code instanceof}, and passes the JDBC sink's own writer state
 * and committables through, so checkpoints and savepoints are unchanged.
 */
public final class CloseSafeJdbcSink<IN>
        implements Sink<IN>,
                SupportsWriterState<IN, JdbcWriterState>,
                SupportsCommitter<JdbcCommitable> {

    private static final long serialVersionUID = 1L;

    private final JdbcSink<IN> delegate;
    private final String table;

    /**
     * @param delegate an at-least-once JDBC sink
     * @param table the table it writes, for the log
     */
    public CloseSafeJdbcSink(JdbcSink<IN> delegate, String table) {
        this.delegate = delegate;
        this.table = table;
    }

    @Override
    public StatefulSinkWriter<IN, JdbcWriterState> createWriter(WriterInitContext context)
            throws IOException {
        return new Writer<>(delegate.createWriter(context), table);
    }

    @Override
    public StatefulSinkWriter<IN, JdbcWriterState> restoreWriter(
            WriterInitContext context, Collection<JdbcWriterState> recoveredState)
            throws IOException {
        return new Writer<>(delegate.restoreWriter(context, recoveredState), table);
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context)
            throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    /** Delegates everything; only a failure in {@link #close()} is logged instead of thrown. */
    private static final class Writer<IN>
            implements StatefulSinkWriter<IN, JdbcWriterState>,
                    CommittingSinkWriter<IN, JdbcCommitable> {

        private static final Logger LOG = LoggerFactory.getLogger(CloseSafeJdbcSink.class);

        private final JdbcWriter<IN> delegate;
        private final String table;

        Writer(JdbcWriter<IN> delegate, String table) {
            this.delegate = delegate;
            this.table = table;
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            delegate.write(element, context);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            delegate.writeWatermark(watermark);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delegate.flush(endOfInput);
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return delegate.prepareCommit();
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn(
                        "JDBC sink to {} failed to write its last rows while closing; the job"
                                + " restarts and writes them again from the last checkpoint",
                        table,
                        e);
                releaseConnection();
            }
        }

        /**
         * The connector's {@code close()} leaves its connection open when its final flush throws; a
         * second call closes it (and rethrows a stored failure, already logged above). Without this
         * every restart during a schema mismatch would leak a database session.
         */
        private void releaseConnection() {
            try {
                delegate.close();
            } catch (Exception ignored) {
                // the failure was logged once above
            }
        }
    }
}
