# One image per service, from the jar that `./mvnw -q -DskipTests package` builds.
# The build context is the service's module directory, so it holds little besides the jar:
#   docker build -f Dockerfile --build-arg MODULE=deal-service -t cosell/deal-service deal-service
# docker-compose.yml builds all five this way.
FROM eclipse-temurin:17-jre

ARG MODULE
RUN test -n "${MODULE}" || { echo "Build with --build-arg MODULE=<service module>, e.g. deal-service" >&2; exit 1; }

RUN groupadd --system cosell && useradd --system --gid cosell --no-create-home --shell /usr/sbin/nologin cosell
WORKDIR /app
COPY target/${MODULE}.jar /app/app.jar

USER cosell
# The image has curl, which the compose health checks use.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
