package dev.telemetry.local;

import dev.telemetry.job.config.JobOptions;
import dev.telemetry.job.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link LocalStack} runs, validated once when built; the command line ({@link LocalMode})
 * and tests fill the same {@link Builder}.
 */
public final class LocalSettings {

    /** Where the telemetry comes from. */
    public enum Input {
        /** The simulator, in real time. */
        SIMULATE,
        /** A JSON Lines recording, paced by its timestamps and shifted to now. */
        REPLAY,
        /** Nothing: feed the telemetry topic yourself. */
        NONE
    }

    /** The web UI's port unless it is taken. */
    public static final int DEFAULT_FLINK_UI_PORT = 8081;

    /** Environment variable with the password of an external database. */
    public static final String JDBC_PASSWORD_ENV = JobOptions.JDBC_PASSWORD_ENV.defaultValue();

    private final Path dataDir;
    private final boolean fresh;
    private final boolean deleteDataOnStop;
    private final Duration duration;
    private final Input input;
    private final long seed;
    private final int devicesPerFamily;
    private final double rate;
    private final double anomalyRate;
    private final int earlyAnomalies;
    private final double badRate;
    private final Path replayFile;
    private final double replaySpeed;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final Secret jdbcPassword;
    private final Integer flinkUiPort;
    private final int parallelism;
    private final Duration summaryInterval;
    private final Map<String, String> jobOptions;

    private LocalSettings(Builder b) {
        dataDir = b.dataDir != null ? b.dataDir.toAbsolutePath().normalize() : defaultDataDir();
        fresh = b.fresh;
        deleteDataOnStop = b.deleteDataOnStop;
        duration = b.duration;
        input = b.replayFile != null ? Input.REPLAY : b.input;
        seed = b.seed;
        devicesPerFamily = b.devicesPerFamily;
        rate = b.rate;
        anomalyRate = b.anomalyRate;
        earlyAnomalies = b.earlyAnomalies;
        badRate = b.badRate;
        replayFile = b.replayFile;
        replaySpeed = b.replaySpeed;
        bootstrapServers = blankToNull(b.bootstrapServers);
        jdbcUrl = blankToNull(b.jdbcUrl);
        jdbcUser = b.jdbcUser != null ? b.jdbcUser : JobOptions.JDBC_USER.defaultValue();
        jdbcPassword = b.jdbcPassword != null ? b.jdbcPassword : new Secret("");
        flinkUiPort = b.flinkUiPort;
        parallelism = b.parallelism;
        summaryInterval = b.summaryInterval;
        jobOptions = Map.copyOf(b.jobOptions);
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code $java.io.tmpdir/telemetry-local-$user}: per user, and under the temporary directory
     * because as root PostgreSQL runs as uid 65534, which must be able to reach its data.
     */
    public static Path defaultDataDir() {
        return Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "telemetry-local-" + System.getProperty("user.name"))
                .toAbsolutePath()
                .normalize();
    }

    private void validate() {
        require(duration == null || isPositive(duration), "--duration must be positive");
        require(devicesPerFamily >= 1, "--devices must be at least 1");
        require(rate > 0 && rate <= 1000, "--rate must be in (0, 1000] events per device and s");
        require(anomalyRate >= 0, "--anomaly-rate must not be negative");
        require(earlyAnomalies >= 0, "--early-anomalies must not be negative");
        require(badRate >= 0 && badRate <= 1, "--bad-rate must be within [0, 1]");
        require(replaySpeed > 0, "--replay-speed must be positive");
        require(
                flinkUiPort == null || (flinkUiPort >= 1 && flinkUiPort <= 65535),
                "--flink-ui-port must be between 1 and 65535");
        require(parallelism >= 1 && parallelism <= 64, "--parallelism must be between 1 and 64");
        require(
                summaryInterval.isZero() || summaryInterval.toMillis() >= 500,
                "--summary-interval must be 0 (off) or at least 500ms");
        require(!jdbcUser.isBlank(), "--jdbc-user must not be empty");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LocalModeException(message);
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Holds the broker's and the database's files, the ports they had, and the log. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether the data directory is wiped before starting. */
    public boolean fresh() {
        return fresh;
    }

    /** Whether the data directory is deleted after stopping (tests). */
    public boolean deleteDataOnStop() {
        return deleteDataOnStop;
    }

    /** How long to run; empty runs until stopped. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public Input input() {
        return input;
    }

    public long seed() {
        return seed;
    }

    public int devicesPerFamily() {
        return devicesPerFamily;
    }

    /** Events per device per second. */
    public double rate() {
        return rate;
    }

    /** Expected injected anomalies per device per hour. */
    public double anomalyRate() {
        return anomalyRate;
    }

    /** Anomalies of every type and family started as early as devices allow, for a quick demo. */
    public int earlyAnomalies() {
        return earlyAnomalies;
    }

    /** Fraction of records corrupted with bad data. */
    public double badRate() {
        return badRate;
    }

    public Optional<Path> replayFile() {
        return Optional.ofNullable(replayFile);
    }

    public double replaySpeed() {
        return replaySpeed;
    }

    /** External brokers; empty runs the embedded one. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    /** External database; empty runs the embedded server. */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    /** User of the external database. */
    public String jdbcUser() {
        return jdbcUser;
    }

    /** Password of the external database. */
    public Secret jdbcPassword() {
        return jdbcPassword;
    }

    /** A port the web UI must use; empty takes {@value #DEFAULT_FLINK_UI_PORT} if free. */
    public OptionalInt flinkUiPort() {
        return flinkUiPort == null ? OptionalInt.empty() : OptionalInt.of(flinkUiPort);
    }

    public int parallelism() {
        return parallelism;
    }

    /** How often the summary is printed; zero for never. */
    public Duration summaryInterval() {
        return summaryInterval;
    }

    /** Extra job options ({@code JobOptions} keys), applied over local mode's own. */
    public Map<String, String> jobOptions() {
        return jobOptions;
    }

    /** Fills {@link LocalSettings}; every setting has the default of {@code ./run-local}. */
    public static final class Builder {
        private Path dataDir;
        private boolean fresh;
        private boolean deleteDataOnStop;
        private Duration duration;
        private Input input = Input.SIMULATE;
        private long seed = 42;
        private int devicesPerFamily = 5;
        private double rate = 1;
        private double anomalyRate = 60;
        private int earlyAnomalies = 1;
        private double badRate = 0.01;
        private Path replayFile;
        private double replaySpeed = 1;
        private String bootstrapServers;
        private String jdbcUrl;
        private String jdbcUser;
        private Secret jdbcPassword;
        private Integer flinkUiPort;
        private int parallelism = 1;
        private Duration summaryInterval = Duration.ofSeconds(5);
        private final Map<String, String> jobOptions = new LinkedHashMap<>();

        private Builder() {}

        /** Default {@link LocalSettings#defaultDataDir()}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return this;
        }

        /**
         * A new, empty data directory under {@code java.io.tmpdir} (traversable, for PostgreSQL as
         * uid 65534) that is deleted when the stack stops: for tests.
         */
        public Builder temporaryDataDir() {
            try {
                Path dir =
                        Files.createTempDirectory(
                                Path.of(System.getProperty("java.io.tmpdir")), "telemetry-local-");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                this.dataDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary data directory", e);
            }
            this.deleteDataOnStop = true;
            return this;
        }

        /** Wipe the data directory first. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** Delete the data directory when stopped (tests). */
        public Builder deleteDataOnStop(boolean deleteDataOnStop) {
            this.deleteDataOnStop = deleteDataOnStop;
            return this;
        }

        /** Stop after this long; null (default) runs until stopped. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder input(Input input) {
            this.input = Objects.requireNonNull(input);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder devicesPerFamily(int devicesPerFamily) {
            this.devicesPerFamily = devicesPerFamily;
            return this;
        }

        public Builder rate(double rate) {
            this.rate = rate;
            return this;
        }

        public Builder anomalyRate(double anomalyRate) {
            this.anomalyRate = anomalyRate;
            return this;
        }

        public Builder earlyAnomalies(int earlyAnomalies) {
            this.earlyAnomalies = earlyAnomalies;
            return this;
        }

        public Builder badRate(double badRate) {
            this.badRate = badRate;
            return this;
        }

        /** Replay this file instead of simulating. */
        public Builder replay(Path file) {
            this.replayFile = file;
            return this;
        }

        public Builder replaySpeed(double replaySpeed) {
            this.replaySpeed = replaySpeed;
            return this;
        }

        /** Use these brokers instead of the embedded one. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** Use this database instead of the embedded server. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder jdbcUser(String jdbcUser) {
            this.jdbcUser = jdbcUser;
            return this;
        }

        public Builder jdbcPassword(Secret jdbcPassword) {
            this.jdbcPassword = jdbcPassword;
            return this;
        }

        /** A port the web UI must use; null (default) takes 8081 if free, else any free port. */
        public Builder flinkUiPort(Integer flinkUiPort) {
            this.flinkUiPort = flinkUiPort;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Zero turns the printed summary off. */
        public Builder summaryInterval(Duration summaryInterval) {
            this.summaryInterval = Objects.requireNonNull(summaryInterval);
            return this;
        }

        /** A job option ({@code JobOptions} key, e.g. {@code window.size}) and its value. */
        public Builder jobOption(String key, String value) {
            jobOptions.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws LocalModeException on the first invalid setting
         */
        public LocalSettings build() {
            return new LocalSettings(this);
        }
    }
}
