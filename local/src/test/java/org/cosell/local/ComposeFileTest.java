package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ComposeFileTest {

    private static final List<String> INFRASTRUCTURE = List.of("kafka", "kafka-init", "mongo", "mailpit");

    private static ComposeFile compose;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.load();
    }

    static Stream<CosellService> services() {
        return CosellService.ALL.stream();
    }

    @Test
    void runsTheInfrastructureAndEveryService() {
        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(INFRASTRUCTURE.stream(), services().map(CosellService::name)).toList());
        assertThat(compose.volumes()).containsKeys("kafka-data", "mongo-data");
    }

    @Test
    void publishesOnlyTheGatewayAndTheMailCatchersUi() {
        compose.services().keySet().forEach(name -> {
            List<Object> ports = ComposeFile.list(compose.service(name).get("ports"));
            switch (name) {
                case "gateway" -> assertThat(ports).as(name).containsExactly("8080:8080");
                case "mailpit" -> assertThat(ports).as(name).containsExactly("8025:8025");
                default -> assertThat(ports).as(name + " publishes no port").isEmpty();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void givesEveryServiceTheEnvironmentOfSpec(CosellService service) {
        Map<String, Object> environment = ComposeFile.map(compose.service(service.name()).get("environment"));

        assertThat(environment)
                .containsEntry("SERVER_PORT", String.valueOf(service.port()))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("MONGODB_URI", "mongodb://mongo:27017/?replicaSet=rs0")
                .containsEntry("SMTP_HOST", "mailpit")
                .containsEntry("SMTP_PORT", "1025")
                .containsEntry("SPRING_PROFILES_ACTIVE", "docker")
                .containsEntry("REFERRAL_RESPONSE_WINDOW", "${REFERRAL_RESPONSE_WINDOW:-P14D}")
                .containsEntry("ENGAGEMENT_RESPONSE_WINDOW", "${ENGAGEMENT_RESPONSE_WINDOW:-P14D}")
                .containsEntry("EXPIRY_REMINDER_BEFORE", "${EXPIRY_REMINDER_BEFORE:-P3D}")
                .containsEntry("DEV_AUTH_ENABLED", "${DEV_AUTH_ENABLED:-true}")
                .containsEntry("JWT_JWK_SET_URI", "${JWT_JWK_SET_URI:-http://gateway:8080/dev/jwks.json}")
                .containsEntry("JWT_ISSUER_URI", "${JWT_ISSUER_URI:-" + ServiceEnvironment.DEV_ISSUER + "}");
    }

    @Test
    void pointsTheGatewayAtEveryServiceByName() {
        assertThat(ComposeFile.map(compose.service("gateway").get("environment")))
                .containsEntry("DEAL_SERVICE_URI", "http://deal-service:8081")
                .containsEntry("REFERRAL_SERVICE_URI", "http://referral-service:8082")
                .containsEntry("NOTIFICATION_SERVICE_URI", "http://notification-service:8083")
                .containsEntry("EXPIRY_SCHEDULER_URI", "http://expiry-scheduler:8084");
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildsEveryServiceFromTheSharedDockerfile(CosellService service) {
        assertThat(compose.buildContext(service.name())).isEqualTo(ComposeFile.REPOSITORY_ROOT.resolve(service.name()));
        assertThat(compose.dockerfile(service.name())).isEqualTo(ComposeFile.REPOSITORY_ROOT.resolve("Dockerfile")).isRegularFile();
        assertThat(compose.moduleArgument(service.name())).isEqualTo(service.name());
    }

    @ParameterizedTest
    @MethodSource("services")
    void imagesCopyTheJarTheLauncherRuns(CosellService service) throws IOException {
        assertThat(compose.imageJar(service.name())).isEqualTo(service.jar(ComposeFile.REPOSITORY_ROOT));
    }

    @Test
    void dockerfileRunsTheJarOnJava17() throws IOException {
        String dockerfile = Files.readString(ComposeFile.REPOSITORY_ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre", "ARG MODULE", "COPY target/${MODULE}.jar", "USER cosell");
    }

    @ParameterizedTest
    @MethodSource("services")
    void checksEveryServicesReadiness(CosellService service) {
        assertThat(healthcheck(service.name()))
                .startsWith("CMD curl -fsS")
                .endsWith("http://localhost:" + service.port() + "/actuator/health/readiness");
    }

    @ParameterizedTest
    @MethodSource("services")
    void startsEveryServiceOnceItsInfrastructureIsHealthy(CosellService service) {
        assertThat(dependsOn(service.name()))
                .containsEntry("kafka", "service_healthy")
                .containsEntry("kafka-init", "service_completed_successfully")
                .containsEntry("mongo", "service_healthy");
    }

    @Test
    void startsNotificationServiceOnceTheMailCatcherIsHealthy() {
        assertThat(dependsOn("notification-service")).containsEntry("mailpit", "service_healthy");
    }

    @Test
    void startsTheGatewayOnceEveryServiceIsHealthy() {
        Map<String, String> dependsOn = dependsOn("gateway");
        services().filter(service -> !service.equals(CosellService.GATEWAY))
                .forEach(service -> assertThat(dependsOn).containsEntry(service.name(), "service_healthy"));
    }

    @Test
    void runsKafkaAsOneKraftNodeWithAHealthCheck() {
        Map<String, Object> kafka = compose.service("kafka");

        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(ComposeFile.map(kafka.get("environment")))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_NUM_PARTITIONS", String.valueOf(CosellTopics.PARTITIONS))
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(healthcheck("kafka")).contains("--bootstrap-server localhost:9092");
    }

    @Test
    void createsEverySpecTopicAndItsDeadLetterTwinOnceKafkaIsHealthy() {
        Map<String, Object> init = compose.service("kafka-init");
        String script = String.join("\n", ComposeFile.list(init.get("command")).stream().map(String::valueOf).toList());

        assertThat(init.get("restart")).isEqualTo("no");
        assertThat(dependsOn("kafka-init")).containsEntry("kafka", "service_healthy");
        assertThat(script)
                .contains("set -e", "--create --if-not-exists", "--partitions " + CosellTopics.PARTITIONS,
                        "--replication-factor 1", "create \"$$topic\"", "create \"$$topic.DLT\"", "wait \"$$pid\"");
        CosellTopics.SOURCES.forEach(topic -> assertThat(script).containsPattern("(?m)^\\s*" + topic.replace(".", "\\.") + "( \\\\|;)"));
    }

    @Test
    void runsMongoAsASingleNodeReplicaSetThatInitiatesItself() {
        Map<String, Object> mongo = compose.service("mongo");

        assertThat((String) mongo.get("image")).startsWith("mongo:");
        assertThat(ComposeFile.list(mongo.get("command"))).containsSequence("--replSet", "rs0");
        assertThat(healthcheck("mongo")).contains("mongosh", "rs.initiate(", "_id: 'rs0'", "host: 'mongo:27017'", "isWritablePrimary");
    }

    @Test
    void catchesMailWithMailpit() {
        assertThat((String) compose.service("mailpit").get("image")).startsWith("axllent/mailpit:");
        assertThat(healthcheck("mailpit")).isEqualTo("CMD /mailpit readyz");
    }

    private static String healthcheck(String service) {
        Map<String, Object> healthcheck = ComposeFile.map(compose.service(service).get("healthcheck"));
        assertThat(healthcheck).as(service + " has a health check").containsKeys("test", "interval", "retries");
        return String.join(" ", ComposeFile.list(healthcheck.get("test")).stream().map(String::valueOf).toList());
    }

    private static Map<String, String> dependsOn(String service) {
        Map<String, Object> dependsOn = ComposeFile.map(compose.service(service).get("depends_on"));
        return dependsOn.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> String.valueOf(ComposeFile.map(entry.getValue()).get("condition"))));
    }
}
