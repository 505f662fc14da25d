package dev.telemetry.infra;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node Kafka (KRaft, combined broker and controller) running inside this JVM from the real
 * server classes, for tests and for local mode.
 *
 * <p>The first {@link #start()} picks the ports and formats the log directory; {@link #stop()} and
 * a later {@link #start()} bring the same broker back on the same ports with its data, which is how
 * failure tests simulate a broker outage.
 */
public final class EmbeddedKafka extends EmbeddedServer<EmbeddedKafka> {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final int requestedControllerPort;
    private final Map<String, String> brokerProperties;

    // Fixed by the first start(), so that a restart comes back on the same ports and data.
    private int controllerPort;
    private Path instanceDir;

    private Server server;

    private EmbeddedKafka(Builder builder) {
        super("Kafka broker", "embedded-kafka", builder);
        this.requestedControllerPort = builder.controllerPort;
        this.brokerProperties = Map.copyOf(builder.brokerProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link #stop()} then {@link #start()}: same ports, same data. */
    public synchronized EmbeddedKafka restart() {
        stop();
        return start();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:<port>}; stable across {@link #stop()} and {@link #start()}. */
    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    /** Client properties with {@code bootstrap.servers} set, to add serializers etc. to. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /**
     * Creates a topic with replication factor 1 and waits until it exists. Succeeds if the topic
     * already exists with the same partition count, so that tests sharing a broker can each declare
     * the topics they use.
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** As {@link #createTopic(String, int)}, with topic configs such as {@code retention.ms}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
            try {
                await(admin.createTopics(List.of(topic)).all());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                }
                TopicDescription existing =
                        await(admin.describeTopics(List.of(name)).allTopicNames()).get(name);
                if (existing.partitions().size() != partitions) {
                    throw new IllegalStateException(
                            "Topic "
                                    + name
                                    + " exists with "
                                    + existing.partitions().size()
                                    + " partitions, not "
                                    + partitions,
                            e.getCause());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + name, e.getCause());
        }
    }

    @Override
    Placement prepare() {
        int[] free = FreePorts.pick(2);
        int port = requestedPort != 0 ? requestedPort : free[0];
        controllerPort = requestedControllerPort != 0 ? requestedControllerPort : free[1];
        if (configuredDataDir != null) {
            return new Placement(port, DirectoryTrees.createTraversable(configuredDataDir));
        }
        // Temporary data: the instance directory itself.
        instanceDir = InfraDirectories.claimInstanceDir(baseDir.resolve("kafka"), port, dir -> {});
        return new Placement(port, instanceDir);
    }

    @Override
    void launch() {
        KafkaConfig config = KafkaConfig.fromProps(serverProperties(), false);
        formatIfNeeded();
        Server starting = new KafkaRaftServer(config, Time.SYSTEM);
        server = starting;
        // Returns once the broker has caught up with the metadata log and is unfenced.
        starting.startup();
        awaitReady();
    }

    /** Shuts the broker down cleanly. */
    @Override
    boolean halt() {
        if (server == null) {
            return false;
        }
        Server stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        return true;
    }

    @Override
    void deleteDirectories() {
        if (instanceDir != null) {
            InfraDirectories.releaseInstanceDir(instanceDir);
        }
    }

    private Properties serverProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static quorum: no dynamic-voter bootstrap to format, and restarts need no state.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(
                "listeners",
                BROKER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + port()
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + bootstrapServers());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir().toString());
        // One node: internal topics must not ask for more replicas than exist.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Few partitions for internal topics: the first consumer group or transaction then
        // starts in milliseconds instead of creating 50 partitions.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Flink's exactly-once Kafka sink defaults to a 1 h transaction timeout; the broker
        // default cap (15 min) would reject its producers.
        props.put("transaction.max.timeout.ms", Long.toString(Duration.ofHours(1).toMillis()));
        props.put("num.partitions", "1");
        props.putAll(brokerProperties);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    private Path logDir() {
        return dataDir().resolve("kraft-combined-logs");
    }

    /** What {@code kafka-storage.sh format} does, once, so that restarts keep the cluster id. */
    private void formatIfNeeded() {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir().toString())
                    .setDirectories(List.of(logDir().toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir(), e);
        }
    }

    private void awaitReady() {
        Properties props = clientProperties();
        props.put(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(startupTimeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not answer within " + startupTimeout + " on " + bootstrapServers(),
                    e);
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka admin request timed out", e);
        }
    }

    /** Configures an {@link EmbeddedKafka}; every setting has a test-friendly default. */
    public static final class Builder extends EmbeddedServer.Builder<Builder, EmbeddedKafka> {
        private int controllerPort;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * A fixed controller (KRaft quorum) port; default 0 picks a free one. Fix it along with a
         * {@link #dataDir data directory}, since the controller's address is part of the quorum
         * configuration.
         */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /** A broker property that overrides the defaults, e.g. {@code log.retention.ms}. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        @Override
        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
