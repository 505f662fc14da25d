# The telemetry anomaly job on the official Flink image: the jar in usrlib is what application
# mode (compose `standalone-job`, FlinkDeployment `local://` jarURI) runs. Build from the repo root
# after `./mvnw -pl flink-job -am package`.
FROM flink:2.2.1-java17
# Mount point for checkpoints/savepoints/HA; created here so a fresh volume is owned by flink.
RUN mkdir -p /opt/flink/data
COPY --chown=flink:flink flink-job/target/flink-job.jar /opt/flink/usrlib/flink-job.jar
