# The telemetry simulator (a plain Java application). Build from the repo root after
# `./mvnw -pl simulator -am package`.
FROM eclipse-temurin:17-jre
COPY simulator/target/simulator.jar /opt/simulator/simulator.jar
USER 65534:65534
ENTRYPOINT ["java", "-jar", "/opt/simulator/simulator.jar"]
