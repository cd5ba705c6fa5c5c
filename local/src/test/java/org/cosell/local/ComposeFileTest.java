package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cosell.contracts.Topics;
import org.cosell.stack.CosellService;
import org.cosell.stack.CosellTopics;
import org.cosell.stack.DevIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class ComposeFileTest {

    private static final List<String> INFRASTRUCTURE = List.of("kafka", "kafka-init", "mongo", "mailpit");
    /** Profile "observability": started only when asked for, each published on loopback only. */
    private static final Map<String, String> OBSERVABILITY = Map.of("prometheus", "127.0.0.1:9090:9090",
            "grafana", "127.0.0.1:3000:3000", "jaeger", "127.0.0.1:16686:16686");
    /** Everything that traces on OpenTelemetry and so reads OTEL_EXPORTER_OTLP_ENDPOINT: all six. */
    private static final List<String> OTLP_EXPORTERS = List.of("gateway", "deal-service", "referral-service",
            "notification-service", "expiry-scheduler", "portal");

    private static final Map<String, String> DATABASES = Map.of("deal-service", "cosell-deals",
            "referral-service", "cosell-referrals", "notification-service", "cosell-notifications",
            "expiry-scheduler", "cosell-expiry");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PORT_ON_ALL_INTERFACES = Pattern.compile("^(0\\.0\\.0\\.0:|\\[::]:)?\\d+(:\\d+)?$");

    private static ComposeFile compose;
    private static ComposeFile dev;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.load();
        dev = ComposeFile.load(ComposeFile.DEV);
    }

    /** The gateway and the services behind it; the portal, which needs neither broker nor database, is tested apart. */
    static Stream<CosellService> services() {
        return CosellService.ALL.stream().filter(service -> !service.equals(CosellService.PORTAL));
    }

    @Test
    void runsTheInfrastructureAndEveryService() {
        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(Stream.of(INFRASTRUCTURE.stream(),
                CosellService.ALL.stream().map(CosellService::name), OBSERVABILITY.keySet().stream()).flatMap(names -> names).toList());
        assertThat(compose.volumes()).containsKeys("kafka-data", "mongo-data");
    }

    @Test
    void publishesOnlyTheGatewayAndTheMailCatchersUiOnLoopbackByDefault() {
        compose.services().keySet().forEach(name -> {
            List<Object> ports = ComposeFile.list(compose.service(name).get("ports"));
            switch (name) {
                case "gateway" -> assertThat(ports).as(name).containsExactly("${GATEWAY_BIND_ADDRESS:-127.0.0.1}:8080:8080");
                case "mailpit" -> assertThat(ports).as(name).containsExactly("127.0.0.1:8025:8025");
                case "prometheus", "grafana", "jaeger" -> assertThat(ports).as(name).containsExactly(OBSERVABILITY.get(name));
                default -> assertThat(ports).as(name + " publishes no port").isEmpty();
            }
        });
    }

    @Test
    void noFilePublishesAPortOnEveryInterfaceAndTheDevOverrideOnlyOnLoopback() {
        for (ComposeFile file : List.of(compose, dev)) {
            file.services().forEach((name, service) -> ComposeFile.list(ComposeFile.map(service).get("ports"))
                    .forEach(port -> assertThat(String.valueOf(port)).as(name).doesNotMatch(PORT_ON_ALL_INTERFACES)));
        }
        List<String> devPorts = dev.services().values().stream()
                .flatMap(service -> ComposeFile.list(ComposeFile.map(service).get("ports")).stream())
                .map(String::valueOf).toList();
        assertThat(devPorts).contains("127.0.0.1:8080:8080").allMatch(port -> port.startsWith("127.0.0.1:"));
        assertThat(dev.text()).contains("ports: !override");
    }

    @ParameterizedTest
    @MethodSource("services")
    void givesEveryServiceTheEnvironmentOfSpec(CosellService service) {
        Map<String, Object> environment = environment(service.name());

        assertThat(environment)
                .containsEntry("SERVER_PORT", String.valueOf(service.port()))
                .containsEntry("MANAGEMENT_PORT", String.valueOf(service.managementPort()))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SMTP_HOST", "mailpit")
                .containsEntry("SMTP_PORT", "1025")
                .containsEntry("SPRING_PROFILES_ACTIVE", "docker")
                .containsEntry("REFERRAL_RESPONSE_WINDOW", "${REFERRAL_RESPONSE_WINDOW:-P14D}")
                .containsEntry("ENGAGEMENT_RESPONSE_WINDOW", "${ENGAGEMENT_RESPONSE_WINDOW:-P14D}")
                .containsEntry("EXPIRY_REMINDER_BEFORE", "${EXPIRY_REMINDER_BEFORE:-P3D}")
                .containsEntry("JWT_AUDIENCE", "${JWT_AUDIENCE:-cosell-api}");
    }

    @ParameterizedTest
    @MethodSource("services")
    void failsClosedWithoutTheDevIssuerAndRequiresTheIdentityProvider(CosellService service) {
        Map<String, Object> environment = environment(service.name());

        assertThat(environment)
                .containsEntry("DEV_AUTH_ENABLED", "false")
                .containsEntry("COSELL_LOCAL_MODE", "false")
                .containsEntry("API_DOCS_ENABLED", "false");
        assertThat(String.valueOf(environment.get("JWT_ISSUER_URI"))).startsWith("${JWT_ISSUER_URI:?");
        assertThat(String.valueOf(environment.get("JWT_JWK_SET_URI"))).startsWith("${JWT_JWK_SET_URI:?");
        assertThat(compose.text()).doesNotContain(DevIssuer.ISSUER, "/dev/jwks.json");
    }

    @ParameterizedTest
    @MethodSource("services")
    void theDevOverrideTurnsTheDevIssuerAndLocalModeOn(CosellService service) {
        Map<String, Object> environment = ComposeFile.map(dev.service(service.name()).get("environment"));

        assertThat(environment)
                .containsEntry("JWT_ISSUER_URI", DevIssuer.ISSUER)
                .containsEntry("JWT_JWK_SET_URI", "http://gateway:8080/dev/jwks.json")
                .containsEntry("COSELL_LOCAL_MODE", "true")
                .containsEntry("API_DOCS_ENABLED", "true");
        if (service.equals(CosellService.GATEWAY)) {
            assertThat(environment).containsEntry("DEV_AUTH_ENABLED", "true");
        } else {
            assertThat(environment).doesNotContainKey("DEV_AUTH_ENABLED");
        }
    }

    @Test
    void runsThePortalAgainstTheGatewayWithItsDevSignInOffAndSecureCookies() {
        CosellService portal = CosellService.PORTAL;
        Map<String, Object> environment = environment(portal.name());

        assertThat(environment)
                .containsEntry("SERVER_PORT", String.valueOf(portal.port()))
                .containsEntry("MANAGEMENT_PORT", String.valueOf(portal.managementPort()))
                .containsEntry("COSELL_API_URL", "http://gateway:8080")
                .containsEntry("COSELL_LOCAL_MODE", "false")
                .containsEntry("DEV_SIGN_IN_ENABLED", "false")
                .containsKey("TRUSTED_PROXIES")
                .doesNotContainKeys("MONGODB_URI", "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(ComposeFile.map(compose.service("gateway").get("environment")))
                .containsEntry("PORTAL_URL", "http://portal:8085");
        assertThat(healthcheck(portal.name()))
                .startsWith("CMD curl -fsS")
                .endsWith("http://localhost:" + portal.managementPort() + "/actuator/health/readiness");
        assertThat(compose.buildContext(portal.name())).isEqualTo(ComposeFile.REPOSITORY_ROOT.resolve(portal.name()));
        assertThat(compose.dockerfile(portal.name())).isEqualTo(ComposeFile.REPOSITORY_ROOT.resolve("Dockerfile"));
        assertThat(compose.moduleArgument(portal.name())).isEqualTo(portal.name());
    }

    @Test
    void theDevOverrideTurnsThePortalsDevSignInAndLocalModeOn() throws IOException {
        assertThat(ComposeFile.map(dev.service(CosellService.PORTAL.name()).get("environment")))
                .containsEntry("DEV_SIGN_IN_ENABLED", "true")
                .containsEntry("COSELL_LOCAL_MODE", "true");
        assertThat(compose.imageJar(CosellService.PORTAL.name()))
                .isEqualTo(CosellService.PORTAL.jar(ComposeFile.REPOSITORY_ROOT));
    }

    @Test
    void mongoRequiresAPasswordOfEveryServiceForItsOwnDatabase() throws IOException {
        Map<String, Object> mongo = compose.service("mongo");
        Map<String, Object> environment = ComposeFile.map(mongo.get("environment"));
        String script = Files.readString(ComposeFile.REPOSITORY_ROOT.resolve("docker/mongo/create-service-users.js"));

        assertThat(String.valueOf(environment.get("MONGO_INITDB_ROOT_PASSWORD"))).startsWith("${MONGO_ROOT_PASSWORD:?");
        assertThat(ComposeFile.list(mongo.get("volumes"))).contains("./docker/mongo:/docker-entrypoint-initdb.d:ro");
        assertThat(String.join("\n", ComposeFile.list(mongo.get("command")).stream().map(String::valueOf).toList()))
                .contains("--keyFile");
        assertThat(healthcheck("mongo")).contains("--password \"$$MONGO_INITDB_ROOT_PASSWORD\"");
        DATABASES.forEach((service, database) -> {
            String password = "MONGO_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
            assertThat(String.valueOf(environment.get(password))).startsWith("${" + password + ":?");
            assertThat(String.valueOf(environment(service).get("MONGODB_URI")))
                    .startsWith("mongodb://" + service + ":${" + password + ":?")
                    .endsWith("@mongo:27017/?replicaSet=rs0&authSource=" + database);
            assertThat(script).contains("['" + service + "', '" + database + "', '" + password + "']");
        });
        assertThat(environment("gateway")).doesNotContainKey("MONGODB_URI");
    }

    @ParameterizedTest
    @MethodSource("services")
    void theServicesDatabasesAreTheOnesTheirUsersMayUse(CosellService service) throws IOException {
        if (service.equals(CosellService.GATEWAY)) {
            return;
        }
        String applicationYml = Files.readString(
                ComposeFile.REPOSITORY_ROOT.resolve(service.name()).resolve("src/main/resources/application.yml"));
        assertThat(applicationYml).containsPattern("(?m)^\\s+database: " + DATABASES.get(service.name()) + "$");
    }

    @Test
    void limitsTheMemoryOfEveryContainer() {
        compose.services().forEach((name, service) ->
                assertThat(ComposeFile.map(service).get("mem_limit")).as(name).isNotNull());
    }

    @Test
    void everyVariableTheFilesUseIsListedInEnvExample() throws IOException {
        String example = Files.readString(ComposeFile.REPOSITORY_ROOT.resolve(".env.example"));
        for (ComposeFile file : List.of(compose, dev)) {
            Matcher variable = VARIABLE.matcher(file.text());
            while (variable.find()) {
                assertThat(example).as(".env.example lists " + variable.group(1))
                        .containsPattern("(?m)^" + variable.group(1) + "=");
            }
        }
        assertThat(example).containsPattern("(?m)^MONGO_ROOT_PASSWORD=$").containsPattern("(?m)^JWT_ISSUER_URI=$");
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

        assertThat(dockerfile).contains("ARG JAVA_IMAGE=eclipse-temurin:17", "ARG MODULE", "COPY target/${MODULE}.jar", "USER 10001");
    }

    @ParameterizedTest
    @MethodSource("services")
    void checksEveryServicesReadinessOnItsManagementPort(CosellService service) {
        assertThat(healthcheck(service.name()))
                .startsWith("CMD curl -fsS")
                .endsWith("http://localhost:" + service.managementPort() + "/actuator/health/readiness");
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
        CosellService.ALL.stream().filter(service -> !service.equals(CosellService.GATEWAY))
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
        Topics.ALL.forEach(topic -> assertThat(script).containsPattern("(?m)^\\s*" + topic.replace(".", "\\.") + "( \\\\|;)"));
    }

    @Test
    void runsMongoAsASingleNodeReplicaSetThatInitiatesItself() {
        Map<String, Object> mongo = compose.service("mongo");

        assertThat((String) mongo.get("image")).startsWith("mongo:");
        assertThat(String.valueOf(ComposeFile.list(mongo.get("command")).get(0))).contains("mongod --replSet rs0");
        assertThat(healthcheck("mongo")).contains("mongosh", "rs.initiate(", "_id: 'rs0'", "host: 'mongo:27017'", "isWritablePrimary");
    }

    @Test
    void catchesMailWithMailpit() {
        assertThat((String) compose.service("mailpit").get("image")).startsWith("axllent/mailpit:");
        assertThat(healthcheck("mailpit")).isEqualTo("CMD /mailpit readyz");
    }

    @Test
    void theObservabilityProfileAddsPrometheusGrafanaAndATraceBackendOnPinnedImages() {
        OBSERVABILITY.keySet().forEach(name -> {
            Map<String, Object> service = compose.service(name);
            assertThat(ComposeFile.list(service.get("profiles"))).as(name).containsExactly("observability");
            assertThat(String.valueOf(service.get("image"))).as(name + ": a pinned version")
                    .matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+");
        });
        compose.services().forEach((name, service) -> {
            if (!OBSERVABILITY.containsKey(name)) {
                assertThat(ComposeFile.map(service).get("profiles")).as(name + " runs without a profile").isNull();
            }
        });
    }

    @Test
    void prometheusScrapesEveryServicesManagementPortAsAJobNamedLikeIt() throws IOException {
        assertThat(ComposeFile.list(compose.service("prometheus").get("volumes")))
                .contains("./docker/observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> prometheus = new Yaml().load(
                Files.readString(ComposeFile.REPOSITORY_ROOT.resolve("docker/observability/prometheus.yml")));
        Map<String, String> targets = new TreeMap<>();
        for (Object job : ComposeFile.list(prometheus.get("scrape_configs"))) {
            Map<String, Object> scrape = ComposeFile.map(job);
            assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
            ComposeFile.list(scrape.get("static_configs")).forEach(config -> ComposeFile.list(ComposeFile.map(config).get("targets"))
                    .forEach(target -> targets.put(String.valueOf(scrape.get("job_name")), String.valueOf(target))));
        }
        Map<String, String> expected = new TreeMap<>();
        CosellService.ALL.forEach(service -> expected.put(service.name(), service.name() + ":" + service.managementPort()));
        assertThat(targets).isEqualTo(expected);
    }

    @Test
    void grafanaShowsTheDashboardTheClusterGetsFromTheComposePrometheus() throws IOException {
        List<String> volumes = ComposeFile.list(compose.service("grafana").get("volumes")).stream().map(String::valueOf).toList();
        String dashboard = "deploy/kubernetes/monitoring/cosell-dashboard.json";
        assertThat(volumes).contains("./" + dashboard + ":/var/lib/grafana/dashboards/cosell.json:ro");
        assertThat(ComposeFile.REPOSITORY_ROOT.resolve(dashboard)).isRegularFile();
        for (String volume : volumes) {
            assertThat(ComposeFile.REPOSITORY_ROOT.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).isRegularFile();
        }
        String datasources = Files.readString(ComposeFile.REPOSITORY_ROOT.resolve("docker/observability/grafana/datasources.yml"));
        assertThat(datasources).contains("url: http://prometheus:9090", "url: http://jaeger:16686");
        String providers = Files.readString(ComposeFile.REPOSITORY_ROOT.resolve("docker/observability/grafana/dashboards.yml"));
        assertThat(providers).contains("path: /var/lib/grafana/dashboards");
    }

    @Test
    void theServicesExportSpansOnlyWhenOtelExporterOtlpEndpointNamesACollector() throws IOException {
        OTLP_EXPORTERS.forEach(service -> assertThat(environment(service)).as(service)
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "${OTEL_EXPORTER_OTLP_ENDPOINT:-}"));
        assertThat(Files.readString(ComposeFile.REPOSITORY_ROOT.resolve(".env.example")))
                .containsPattern("(?m)^OTEL_EXPORTER_OTLP_ENDPOINT=$").contains("http://jaeger:4318");
        assertThat(compose.text()).contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318 docker compose --profile observability up");
    }

    private static Map<String, Object> environment(String service) {
        return ComposeFile.map(compose.service(service).get("environment"));
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
