# One image per service, from the jar that `./mvnw -q -DskipTests package` builds. The build context is
# the service's module directory; Dockerfile.dockerignore (beside this file, read by BuildKit) sends only
# its jar:
#   docker build -f Dockerfile --build-arg MODULE=deal-service -t cosell/deal-service:0.1.0-SNAPSHOT deal-service
# docker-compose.yml builds all six this way.
#
# The jar is taken apart into Spring Boot's layers — dependencies, Spring Boot's loader, snapshot
# dependencies, the application — each its own image layer, least often changed first: a new build
# of the application alone ships one small layer.
ARG JAVA_IMAGE=eclipse-temurin:17.0.17_10-jre-noble

FROM ${JAVA_IMAGE} AS layers
ARG MODULE
RUN test -n "${MODULE}" || { echo "Build with --build-arg MODULE=<service module>, e.g. deal-service" >&2; exit 1; }
WORKDIR /build
COPY target/${MODULE}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM ${JAVA_IMAGE}
# A numeric user and group, so Kubernetes can check runAsNonRoot without looking the name up.
RUN groupadd --system --gid 10001 cosell \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin cosell
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# The image has curl, which the compose health checks use.
# Heap sized from the container's memory limit (75 %, the rest for metaspace, threads, direct buffers
# and the JIT); out of memory ends the process so the orchestrator restarts it; the JVM's temporary
# files go to /tmp, the one writable directory under a read-only root file system.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
    "-Djava.io.tmpdir=/tmp", "-jar", "/app/application.jar"]
