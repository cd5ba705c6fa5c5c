package org.cosell.deploy;

import tools.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.cosell.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * deploy/kubernetes, every overlay rendered, loaded with fabric8's model (an unknown field fails),
 * applied to a mock API server, and checked against what the services themselves say: their
 * variables, ports and health groups (their application.yml), the topics of contracts and who uses them
 * (docs/events.md).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesManifestsTest {

    static final Path REPOSITORY = repository();
    static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    /** Every directory under deploy/kubernetes/overlays. */
    static final List<String> OVERLAYS = overlays();
    static final List<String> SERVICES = List.of("gateway", "deal-service", "referral-service",
            "notification-service", "expiry-scheduler", "portal");

    /** Spring's graceful shutdown of the web server: at most 30 s, the default per shutdown phase. */
    static final Duration WEB_DRAIN = Duration.ofSeconds(30);
    /**
     * Then, in a service on Kafka, a background loop (outbox relay, mail sender, expiry poller) finishing
     * its round: up to 30 s, and as long again once it is interrupted.
     */
    static final Duration LOOP_DRAIN = Duration.ofSeconds(30 + 30);
    /** What a service without {@code server.port} listens on: Spring Boot's default. */
    static final int BOOT_DEFAULT_PORT = 8080;
    /** The readiness group's slowest check: MongoDB's server selection (5 s by default) beats Kafka's 3 s. */
    static final String MONGODB_SELECTION_TIMEOUT_PROPERTY = "cosell.mongodb.server-selection-timeout";
    static final Duration KAFKA_HEALTH_TIMEOUT = Duration.ofSeconds(3);

    static KubernetesClient client;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, List<HasMetadata>> RENDERED = new LinkedHashMap<>();
    private static final Map<String, ServiceSettings> SETTINGS = new LinkedHashMap<>();
    private static final BootProperties BOOT = new BootProperties();

    /** Renders every overlay, and leaves it in target/rendered/ to compare with {@code kubectl kustomize}'s. */
    @BeforeAll
    static void render() throws IOException {
        Path output = Files.createDirectories(Path.of("target/rendered"));
        for (String overlay : OVERLAYS) {
            List<ObjectNode> rendered = Kustomization.render(KUBERNETES.resolve("overlays").resolve(overlay));
            Files.writeString(output.resolve(overlay + ".json"), Kustomization.asArray(rendered).toString());
            List<HasMetadata> objects = new ArrayList<>();
            for (ObjectNode object : rendered) {
                objects.add(SERIALIZATION.unmarshal(object.toString()));
            }
            RENDERED.put(overlay, objects);
        }
        SERVICES.forEach(service -> SETTINGS.put(service, ServiceSettings.of(REPOSITORY, service)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsOfAKnownShapeAndTheApiServerTakesIt(String overlay) {
        List<HasMetadata> objects = RENDERED.get(overlay);
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.of(object)).as("fields fabric8's model does not know in %s %s",
                        object.getKind(), object.getMetadata().getName()).isEmpty();
            }
            assertThat(object.getMetadata().getNamespace()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isEqualTo("cosell");
        }
        assertThat(objects).as("secrets are created by the installation, never committed")
                .noneMatch(object -> object.getKind().equals("Secret"));

        String namespace = "cosell-" + overlay;
        for (HasMetadata object : objects) {
            object.getMetadata().setNamespace(namespace);
            if (object instanceof GenericKubernetesResource custom) {
                client.genericKubernetesResources(definition(client, custom)).inNamespace(namespace).resource(custom).create();
            } else {
                client.resource(object).inNamespace(namespace).create();
            }
            object.getMetadata().setNamespace("cosell");
        }
        assertThat(client.apps().deployments().inNamespace(namespace).list().getItems())
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(client.services().inNamespace(namespace).list().getItems()).hasSize(SERVICES.size());
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems())
                .hasSize(SERVICES.size());
        assertThat(client.network().v1().ingresses().inNamespace(namespace).list().getItems())
                .extracting(ingress -> ingress.getMetadata().getName()).containsExactly("gateway");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndTheRestrictedSecurityContext(String overlay) {
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            String service = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).as(service).hasSize(1);
            Container container = pod.getContainers().get(0);

            for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(probe).as("%s: startup, readiness and liveness probes", service).isNotNull();
                assertThat(probe.getHttpGet()).as(service).isNotNull();
            }
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")))
                    .as("%s: a JVM's memory is requested as it is limited", service)
                    .isEqualTo(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")));

            var podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(service).isTrue();
            assertThat(podSecurity.getRunAsUser()).as("%s: a numeric non-root user", service).isNotNull().isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).as(service).isEqualTo("RuntimeDefault");
            var security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(security.getRunAsNonRoot()).as(service).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(service).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(service).isNullOrEmpty();
            String tmpVolume = container.getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
                    .orElseGet(() -> fail(service + " mounts nothing writable at /tmp")).getName();
            assertThat(pod.getVolumes()).as(service).filteredOn(volume -> volume.getName().equals(tmpVolume))
                    .extracting(Volume::getEmptyDir).doesNotContainNull().hasSize(1);
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isFalse();

            assertThat(container.getLifecycle().getPreStop()).as("%s: a pause before SIGTERM", service).isNotNull();
            long pause = container.getLifecycle().getPreStop().getSleep().getSeconds();
            Duration drain = SETTINGS.get(service).hasPropertyUnder("spring.kafka") ? WEB_DRAIN.plus(LOOP_DRAIN) : WEB_DRAIN;
            assertThat(pod.getTerminationGracePeriodSeconds()).as("%s: time to drain after the pause", service)
                    .isGreaterThan(pause + drain.toSeconds());

            assertThat(container.getImage()).as(service)
                    .isEqualTo("cosell/" + service + ":" + ProjectVersion.of(REPOSITORY));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyVariableADeploymentSetsIsOneItsServiceReads(String overlay) {
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            ServiceSettings settings = SETTINGS.get(deployment.getMetadata().getName());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getEnvFrom()).as("every variable named, none taken wholesale").isNullOrEmpty();
            for (EnvVar variable : container.getEnv()) {
                boolean placeholder = settings.variables().contains(variable.getName());
                String bootProperty = BOOT.propertyOf(variable.getName());
                boolean boundByBoot = bootProperty != null
                        && settings.hasPropertyUnder(bootProperty.substring(0, bootProperty.indexOf('.', "spring.".length())));
                assertThat(placeholder || boundByBoot)
                        .as("%s sets %s, which %s does not read", overlay, variable.getName(), settings.service())
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPortAndProbePathIsOneTheServiceServes(String overlay) {
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            String service = deployment.getMetadata().getName();
            ServiceSettings settings = SETTINGS.get(service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> environment = literalEnvironment(overlay, container);
            Map<String, Integer> ports = container.getPorts().stream()
                    .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
            assertThat(ports).as(service).containsOnlyKeys("http", "management");
            assertThat(ports.get("http")).as("%s: server.port", service)
                    .isEqualTo(settings.raw("server.port").isPresent()
                            ? Integer.parseInt(settings.resolved("server.port", environment)) : BOOT_DEFAULT_PORT);
            assertThat(ports.get("management")).as("%s: management.server.port", service)
                    .isEqualTo(Integer.parseInt(settings.resolved("management.server.port", environment)));

            Map<String, Probe> probes = Map.of("startup", container.getStartupProbe(),
                    "readiness", container.getReadinessProbe(), "liveness", container.getLivenessProbe());
            probes.forEach((kind, probe) -> {
                assertThat(probe.getHttpGet().getPort().getStrVal()).as("%s %s probe", service, kind).isEqualTo("management");
                Matcher path = Pattern.compile("/actuator/health/(\\w+)").matcher(probe.getHttpGet().getPath());
                assertThat(path.matches()).as("%s %s probe path %s", service, kind, probe.getHttpGet().getPath()).isTrue();
                assertThat(settings.healthGroups()).as("%s %s probe", service, kind).contains(path.group(1));
            });
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            Duration slowestCheck = settings.raw(MONGODB_SELECTION_TIMEOUT_PROPERTY).isPresent()
                    ? max(Duration.parse("PT" + settings.resolved(MONGODB_SELECTION_TIMEOUT_PROPERTY, environment).toUpperCase()),
                    KAFKA_HEALTH_TIMEOUT)
                    : Duration.ofSeconds(1);
            assertThat(container.getReadinessProbe().getTimeoutSeconds()).as("%s: readiness waits out its checks", service)
                    .isGreaterThan((int) slowestCheck.toSeconds());

            Service kubernetesService = object(overlay, Service.class, service);
            assertThat(kubernetesService.getSpec().getSelector())
                    .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                            .filter(label -> kubernetesService.getSpec().getSelector().containsKey(label.getKey()))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            kubernetesService.getSpec().getPorts().forEach(port -> {
                assertThat(ports).as("%s Service port %s", service, port.getName()).containsKey(port.getTargetPort().getStrVal());
                assertThat(port.getPort()).isEqualTo(ports.get(port.getTargetPort().getStrVal()));
            });
        }
        Ingress ingress = object(overlay, Ingress.class, "gateway");
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        }));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePlatformOwnsTheTopicsAndEveryServiceCanBeStoppedAndScaled(String overlay) {
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            if (SETTINGS.get(service).variables().contains("KAFKA_CREATE_TOPICS")) {
                assertThat(literalEnvironment(overlay, container)).as(service).containsEntry("KAFKA_CREATE_TOPICS", "false");
            }
            PodDisruptionBudget budget = object(overlay, PodDisruptionBudget.class, service);
            assertThat(budget.getSpec().getSelector().getMatchLabels()).as(service)
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        }
        for (HorizontalPodAutoscaler autoscaler : objects(overlay, HorizontalPodAutoscaler.class)) {
            String service = autoscaler.getSpec().getScaleTargetRef().getName();
            assertThat(object(overlay, Deployment.class, service).getSpec().getReplicas())
                    .as("%s: the autoscaler owns the replica count; an apply would reset it", service).isNull();
            if (SETTINGS.get(service).hasPropertyUnder("spring.kafka")) {
                assertThat(autoscaler.getSpec().getMaxReplicas())
                        .as("%s: no more consumers than the topics have partitions", service)
                        .isLessThanOrEqualTo(partitions(overlay).orElse(3));
            }
        }
    }

    @Test
    void networkPoliciesLetOnlyTheGatewayTakeTrafficFromOutside() {
        List<NetworkPolicy> policies = objects("operators", NetworkPolicy.class);
        NetworkPolicy denyAll = object("operators", NetworkPolicy.class, "default-deny");
        Map<String, String> cosellPods = denyAll.getSpec().getPodSelector().getMatchLabels();
        assertThat(objects("operators", Deployment.class)).allSatisfy(deployment ->
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(cosellPods));
        assertThat(denyAll.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(denyAll.getSpec().getIngress()).isEmpty();
        assertThat(denyAll.getSpec().getEgress()).isEmpty();
        for (NetworkPolicy policy : policies) {
            Map<String, String> selected = Optional.ofNullable(policy.getSpec().getPodSelector().getMatchLabels()).orElse(Map.of());
            policy.getSpec().getIngress().forEach(rule -> {
                assertThat(rule.getFrom()).as("%s: every ingress rule names its sources", policy.getMetadata().getName()).isNotEmpty();
                rule.getFrom().forEach(peer -> {
                    assertThat(peer.getIpBlock()).as(policy.getMetadata().getName()).isNull();
                    boolean outside = peer.getNamespaceSelector() != null && !"monitoring".equals(
                            peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                    if (outside) {
                        assertThat(selected).as("only the gateway is reached from another namespace")
                                .containsEntry("app.kubernetes.io/name", "gateway");
                    }
                });
            });
        }
    }

    @Test
    void everyTopicOfTheContractIsAKafkaTopicOnThreeReplicas() {
        Map<String, GenericKubernetesResource> topics = custom("operators", "KafkaTopic").stream()
                .collect(Collectors.toMap(topic -> (String) spec(topic).get("topicName"), topic -> topic));
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(topic -> expected.addAll(List.of(topic, Topics.deadLetter(topic))));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        topics.values().forEach(topic -> {
            assertThat(spec(topic).get("replicas")).as(topic.getMetadata().getName()).isEqualTo(3);
            assertThat(((Map<?, ?>) spec(topic).get("config")).get("min.insync.replicas")).isEqualTo(2);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafkaCluster().getMetadata().getName());
        });
    }

    @Test
    void kafkaRunsInKraftModeOnThreeBrokersAndMongoDbAsAThreeMemberReplicaSetWithAUserPerDatabase() {
        GenericKubernetesResource kafka = kafkaCluster();
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        int brokers = custom("operators", "KafkaNodePool").stream()
                .filter(pool -> ((List<?>) spec(pool).get("roles")).contains("broker"))
                .mapToInt(pool -> (Integer) spec(pool).get("replicas")).sum();
        assertThat(brokers).isEqualTo(3);
        Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) spec(kafka).get("kafka")).get("config");
        assertThat(config.get("min.insync.replicas")).isEqualTo(2);
        assertThat(config.get("auto.create.topics.enable")).isEqualTo(false);

        List<GenericKubernetesResource> mongo = custom("operators", "MongoDBCommunity");
        assertThat(mongo).hasSize(1);
        assertThat(spec(mongo.get(0)).get("members")).isEqualTo(3);
        Map<String, String> databaseOfUser = new TreeMap<>();
        for (Object user : (List<?>) spec(mongo.get(0)).get("users")) {
            Map<?, ?> entry = (Map<?, ?>) user;
            List<Object> roles = List.copyOf((List<?>) entry.get("roles"));
            assertThat(roles).as("%s: readWrite on its own database only", entry.get("name"))
                    .containsExactly((Object) Map.of("name", "readWrite", "db", entry.get("db")));
            databaseOfUser.put((String) entry.get("name"), (String) entry.get("db"));
        }
        Map<String, String> databaseOfService = new TreeMap<>();
        SETTINGS.values().stream().filter(settings -> settings.raw("spring.mongodb.database").isPresent())
                .forEach(settings -> databaseOfService.put(settings.service(), settings.raw("spring.mongodb.database").get()));
        assertThat(databaseOfUser).isEqualTo(databaseOfService);
    }

    @Test
    void everyServicesKafkaUserMayUseExactlyItsTopicsAndGroup() {
        TopicCatalogue catalogue = TopicCatalogue.read(REPOSITORY.resolve("docs/events.md"));
        Map<String, Map<String, Set<String>>> expected = new TreeMap<>();
        for (String service : catalogue.services()) {
            Map<String, Set<String>> acls = new TreeMap<>();
            catalogue.writes().getOrDefault(service, Set.of()).forEach(topic ->
                    acls.computeIfAbsent("topic " + topic, any -> new TreeSet<>()).addAll(List.of("Describe", "Write")));
            catalogue.reads().getOrDefault(service, Set.of()).forEach(topic -> {
                acls.computeIfAbsent("topic " + topic, any -> new TreeSet<>()).addAll(List.of("Describe", "Read"));
                acls.computeIfAbsent("topic " + Topics.deadLetter(topic), any -> new TreeSet<>())
                        .addAll(List.of("Describe", "Write"));
            });
            if (catalogue.reads().containsKey(service)) {
                acls.put("group " + service, new TreeSet<>(List.of("Read")));
            }
            expected.put(service, acls);
        }

        Map<String, Map<String, Set<String>>> granted = new TreeMap<>();
        for (GenericKubernetesResource user : custom("operators", "KafkaUser")) {
            Map<?, ?> authorization = (Map<?, ?>) spec(user).get("authorization");
            assertThat(authorization.get("type")).isEqualTo("simple");
            Map<String, Set<String>> acls = new TreeMap<>();
            for (Object acl : (List<?>) authorization.get("acls")) {
                Map<?, ?> resource = (Map<?, ?>) ((Map<?, ?>) acl).get("resource");
                assertThat(resource.get("patternType")).as("no prefixes or wildcards").isEqualTo("literal");
                acls.computeIfAbsent(resource.get("type") + " " + resource.get("name"), any -> new TreeSet<>())
                        .addAll(((List<?>) ((Map<?, ?>) acl).get("operations")).stream().map(String::valueOf).toList());
            }
            granted.put(user.getMetadata().getName(), acls);
        }
        assertThat(granted).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretAServiceReadsIsNamedByItsOverlayOrTheBase(String overlay) throws IOException {
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                    var reference = variable.getValueFrom().getConfigMapKeyRef();
                    assertThat(object(overlay, ConfigMap.class, reference.getName()).getData())
                            .as("%s %s", deployment.getMetadata().getName(), variable.getName())
                            .containsKey(reference.getKey());
                }
            }
        }
        String deploying = Files.readString(REPOSITORY.resolve("docs/deploying.md"));
        for (String secret : secretsRead(overlay)) {
            assertThat(deploying).as("docs/deploying.md says where Secret %s comes from", secret).contains("`" + secret + "`");
        }
    }

    private static Set<String> secretsRead(String overlay) {
        Set<String> secrets = new TreeSet<>();
        for (Deployment deployment : objects(overlay, Deployment.class)) {
            for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    secrets.add(variable.getValueFrom().getSecretKeyRef().getName());
                }
            }
        }
        return secrets;
    }

    /** The variables as the container gets them, where a value or the ConfigMap says it. */
    private static Map<String, String> literalEnvironment(String overlay, Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                var reference = variable.getValueFrom().getConfigMapKeyRef();
                environment.put(variable.getName(), object(overlay, ConfigMap.class, reference.getName()).getData().get(reference.getKey()));
            }
        }
        return environment;
    }

    private static Optional<Integer> partitions(String overlay) {
        return custom(overlay, "KafkaTopic").stream().map(topic -> (Integer) spec(topic).get("partitions")).min(Integer::compare);
    }

    private static GenericKubernetesResource kafkaCluster() {
        List<GenericKubernetesResource> clusters = custom("operators", "Kafka");
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        return spec;
    }

    private static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return RENDERED.get(overlay).stream()
                .filter(object -> object instanceof GenericKubernetesResource && object.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    private static <T extends HasMetadata> List<T> objects(String overlay, Class<T> type) {
        return RENDERED.get(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T object(String overlay, Class<T> type, String name) {
        return objects(overlay, type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseGet(() -> fail("%s has no %s %s", overlay, type.getSimpleName(), name));
    }

    /** Registers the custom resource's kind with the mock API server, as installing the operator's CRDs does. */
    static ResourceDefinitionContext definition(KubernetesClient client, GenericKubernetesResource resource) {
        String group = resource.getApiVersion().substring(0, resource.getApiVersion().indexOf('/'));
        String version = resource.getApiVersion().substring(resource.getApiVersion().indexOf('/') + 1);
        String plural = resource.getKind().toLowerCase() + (resource.getKind().endsWith("y") ? "" : "s");
        String name = plural + "." + group;
        if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
            CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(name).endMetadata()
                    .withNewSpec().withGroup(group).withScope("Namespaced")
                    .withNewNames().withKind(resource.getKind()).withPlural(plural).endNames()
                    .addNewVersion().withName(version).withServed(true).withStorage(true)
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                    .endOpenAPIV3Schema().endSchema().endVersion()
                    .endSpec().build();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(resource.getKind())
                .withPlural(plural).withNamespaced(true).build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static List<String> overlays() {
        try (Stream<Path> directories = Files.list(KUBERNETES.resolve("overlays"))) {
            return directories.filter(Files::isDirectory).map(directory -> directory.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repository() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("deploy/kubernetes"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
