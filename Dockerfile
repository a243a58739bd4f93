# The SignStream application image: one image, every role (`signstream <command>`).
# Build: docker build -t signstream .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
WORKDIR /opt/signstream
COPY --from=build /src/app/target/signstream.jar ./signstream.jar
COPY --from=build /src/app/target/lib ./lib
COPY models ./models
# Kafka Streams state (session stores): a volume in docker-compose.yml.
RUN mkdir -p /var/lib/signstream && chown 1000:1000 /var/lib/signstream
# DJL must never phone home; ONNX Runtime unpacks its natives to a fixed place.
ENV JAVA_TOOL_OPTIONS="-Dai.djl.offline=true"
USER 1000
ENTRYPOINT ["java", "-jar", "/opt/signstream/signstream.jar"]
CMD ["--help"]
