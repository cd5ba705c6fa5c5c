package org.cosell.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/monitoring, rendered, loaded with fabric8 (the ServiceMonitor and PrometheusRule
 * as generic resources of the Prometheus Operator's kinds) and applied to a mock API server; then
 * checked against the services: the ServiceMonitor scrapes the port every Service names
 * {@code management}, where each service publishes Prometheus's page, and every metric an alert or a
 * dashboard panel reads is one the services register (the names in their code) or one of the few their
 * libraries register. A renamed metric fails here rather than leaving an alert that never fires.
 */
@EnableKubernetesMockClient(crud = true)
class MonitoringTest {

    static final Path MONITORING = KubernetesManifestsTest.KUBERNETES.resolve("monitoring");
    /** The modules whose code registers Cosell's own meters. */
    static final List<String> METER_SOURCES = Stream.concat(KubernetesManifestsTest.SERVICES.stream(),
            Stream.of("service-support")).toList();
    /**
     * A meter name in the code: {@code Counter.builder("cosell.outbox.published")}, the helpers'
     * {@code count("cosell.deals.won", …)} and {@code counter(registry, "cosell.mail.sent", …)}, or a
     * {@code …METRIC = "cosell.http.requests.refused"} constant.
     */
    static final Pattern OWN_METER = Pattern.compile(
            "(?:(?:builder|count|counter)\\(\\s*(?:\\w+\\s*,\\s*)?|METRIC\\w*\\s*=\\s*)\"(cosell(?:\\.[a-z0-9]+)+)\"");
    /**
     * Meters the services' libraries register, by their Micrometer names: Spring's HTTP server
     * observation, spring-kafka's listener and template observations (observation-enabled), the Kafka
     * clients' metrics (Boot binds them to Micrometer) and Resilience4j's circuit breakers (the gateway).
     */
    static final Set<String> LIBRARY_METERS = Set.of("http.server.requests", "spring.kafka.listener",
            "spring.kafka.template", "kafka.consumer.fetch.manager.records.lag.max", "resilience4j.circuitbreaker.state");
    /** What Prometheus itself records per target. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /** The suffixes Micrometer's Prometheus registry gives a meter's series: counters, timers, histograms. */
    static final List<String> SERIES_SUFFIXES = List.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum",
            "_seconds_max", "_seconds_bucket", "_count", "_sum", "_max", "_bucket");
    static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");

    static KubernetesClient client;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<HasMetadata> RENDERED = new ArrayList<>();
    private static final Map<String, String> METERS = new LinkedHashMap<>();
    private static final Map<String, ServiceSettings> SETTINGS = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws IOException {
        for (ObjectNode object : Kustomization.render(MONITORING)) {
            RENDERED.add(SERIALIZATION.unmarshal(object.toString()));
        }
        for (String module : METER_SOURCES) {
            ownMeters(KubernetesManifestsTest.REPOSITORY.resolve(module).resolve("src/main/java"))
                    .forEach(meter -> METERS.put(meter, module));
        }
        LIBRARY_METERS.forEach(meter -> METERS.put(meter, "a library"));
        KubernetesManifestsTest.SERVICES.forEach(service ->
                SETTINGS.put(service, ServiceSettings.of(KubernetesManifestsTest.REPOSITORY, service)));
    }

    @Test
    void everyObjectIsOfAKnownShapeAndTheApiServerTakesIt() {
        assertThat(RENDERED).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule", "ConfigMap");
        for (HasMetadata object : RENDERED) {
            assertThat(object.getApiVersion()).as(object.getKind())
                    .isEqualTo(object instanceof GenericKubernetesResource ? "monitoring.coreos.com/v1" : "v1");
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.of(object)).as(object.getKind()).isEmpty();
            }
            assertThat(object.getMetadata().getNamespace()).isEqualTo("cosell");
            if (object instanceof GenericKubernetesResource custom) {
                client.genericKubernetesResources(KubernetesManifestsTest.definition(client, custom))
                        .inNamespace("cosell").resource(custom).create();
            } else {
                client.resource(object).inNamespace("cosell").create();
            }
        }
        assertThat(client.configMaps().inNamespace("cosell").withName("cosell-dashboard").get()).isNotNull();
    }

    @Test
    void theServiceMonitorScrapesEveryServicesManagementPortWhereItPublishesPrometheusPage() {
        GenericKubernetesResource monitor = custom("ServiceMonitor");
        Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) spec(monitor).get("selector")).get("matchLabels");
        List<?> endpoints = (List<?>) spec(monitor).get("endpoints");
        assertThat(endpoints).hasSize(1);
        Map<?, ?> endpoint = (Map<?, ?>) endpoints.get(0);
        assertThat(endpoint.get("port")).isEqualTo("management");
        assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");

        for (String overlay : KubernetesManifestsTest.OVERLAYS) {
            List<Service> selected = new ArrayList<>();
            for (ObjectNode object : Kustomization.render(KubernetesManifestsTest.KUBERNETES.resolve("overlays").resolve(overlay))) {
                if (object.path("kind").asString().equals("Service")) {
                    Service service = SERIALIZATION.unmarshal(object.toString());
                    if (service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
                        selected.add(service);
                    }
                }
            }
            assertThat(selected).as("%s: the ServiceMonitor selects every workload's Service", overlay)
                    .extracting(service -> service.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.SERVICES);
            selected.forEach(service -> assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                    .as("%s %s", overlay, service.getMetadata().getName()).contains("management"));
        }
        SETTINGS.forEach((service, settings) -> assertThat(settings.raw("management.endpoints.web.exposure.include"))
                .as("%s exposes actuator's prometheus endpoint", service)
                .hasValueSatisfying(exposed -> assertThat(exposed.split("\\s*,\\s*")).contains("prometheus")));
    }

    @Test
    void everyAlertReadsOnlyMetricsTheServicesRegister() {
        List<String> expressions = alertExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(6);
        expressions.forEach(MonitoringTest::assertKnownMetrics);
    }

    @Test
    void theAlertsCoverDeadLettersOutboxAndConsumerLagExpiryMailAndCircuitBreakers() {
        String all = String.join("\n", alertExpressions());
        assertThat(all).contains("cosell_kafka_dead_letters_total", "cosell_outbox_lag_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max", "cosell_expiry_lateness_seconds_bucket",
                "cosell_mail_failed_total", "resilience4j_circuitbreaker_state");
    }

    /** A percentile across replicas needs the meter's histogram buckets, which a service publishes only when told. */
    @Test
    void everyLatencyAnAlertOrPanelReadsAsAHistogramIsPublishedAsOne() {
        List<String> expressions = new ArrayList<>(alertExpressions());
        expressions.addAll(dashboardExpressions());
        Set<String> histograms = new TreeSet<>();
        expressions.forEach(expression -> metricNames(expression).stream()
                .filter(name -> name.endsWith("_bucket")).forEach(histograms::add));
        assertThat(histograms).isNotEmpty();
        for (String series : histograms) {
            String meter = meterOf(series);
            assertThat(SETTINGS.values()).as("a service publishes the buckets of %s (%s)", meter, series)
                    .anySatisfy(settings -> assertThat(settings.raw(
                            "management.metrics.distribution.percentiles-histogram." + meter)).contains("true"));
        }
    }

    @Test
    void theDashboardParsesAndItsPanelsReadOnlyMetricsTheServicesRegister() {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asString()).isEqualTo("cosell");
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        expressions.forEach(MonitoringTest::assertKnownMetrics);
        String all = String.join("\n", expressions);
        assertThat(all).contains("cosell_referrals_received_total", "cosell_referrals_accepted_total",
                "cosell_referrals_declined_total", "cosell_referrals_expired_total", "cosell_deals_won_total",
                "cosell_deals_lost_total");
    }

    @Test
    void theMetricCheckCatchesAMetricNoServiceRegisters() {
        assertThat(metricNames("sum by (job) (rate(cosell_outbox_lagg_seconds_bucket{job=~\"a.*\"}[5m])) > 1"))
                .containsExactly("cosell_outbox_lagg_seconds_bucket");
        assertThat(known("cosell_outbox_lagg_seconds_bucket")).isFalse();
        assertThat(known("cosell_outbox_lag_seconds_bucket")).isTrue();
    }

    private static void assertKnownMetrics(String expression) {
        List<String> names = metricNames(expression);
        assertThat(names).as("metrics of %s", expression).isNotEmpty();
        names.forEach(name -> assertThat(known(name))
                .as("%s (in %s) is a series of a meter the services register; known: %s", name, expression, METERS.keySet())
                .isTrue());
    }

    private static boolean known(String series) {
        return PROMETHEUS_SERIES.contains(series) || meterOf(series) != null;
    }

    /** The Micrometer name behind a Prometheus series, or null. */
    private static String meterOf(String series) {
        for (String meter : METERS.keySet()) {
            String base = meter.replace('.', '_');
            for (String suffix : SERIES_SUFFIXES) {
                if (series.equals(base + suffix)) {
                    return meter;
                }
            }
        }
        return null;
    }

    /** The metric names a PromQL expression reads: what is left once strings, matchers, ranges, groupings and functions are gone. */
    static List<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        List<String> names = new ArrayList<>();
        Matcher identifier = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (identifier.group(2) == null && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Object group : (List<?>) spec(custom("PrometheusRule")).get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        return expressions;
    }

    private static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asString())));
        return expressions;
    }

    private static JsonNode dashboard() {
        ConfigMap dashboards = RENDERED.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .findFirst().orElseThrow();
        assertThat(dashboards.getMetadata().getLabels()).as("Grafana's sidecar loads labelled ConfigMaps")
                .containsEntry("grafana_dashboard", "1");
        return JSON.readTree(dashboards.getData().get("cosell-dashboard.json"));
    }

    private static GenericKubernetesResource custom(String kind) {
        return RENDERED.stream().filter(object -> object.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    }

    private static Map<?, ?> spec(GenericKubernetesResource resource) {
        return (Map<?, ?>) resource.getAdditionalProperties().get("spec");
    }

    private static Set<String> ownMeters(Path sources) {
        Set<String> meters = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher literal = OWN_METER.matcher(Files.readString(file));
                while (literal.find()) {
                    meters.add(literal.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meters;
    }
}
