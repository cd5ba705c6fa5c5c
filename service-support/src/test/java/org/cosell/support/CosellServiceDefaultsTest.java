package org.cosell.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings every service shares: each variable's default, and that the variable overrides it. */
class CosellServiceDefaultsTest {

    @Test
    void defaults() throws IOException {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("cosell.security.audience")).isEqualTo("cosell-api");
        assertThat(environment.getProperty("cosell.local-mode", Boolean.class)).isFalse();
        assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isTrue();
        assertThat(environment.getProperty("cosell.http.max-body-size")).isEqualTo("256KB");
        assertThat(environment.getProperty("cosell.http.max-concurrent-requests", Integer.class)).isEqualTo(32);
        assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("native");
        assertThat(environment.getProperty("cosell.mongodb.server-selection-timeout")).isEqualTo("5s");
        assertThat(environment.getProperty("cosell.tracing.otlp-endpoint")).isEmpty();
        Pattern trustedProxies = Pattern.compile(environment.getProperty("server.tomcat.remoteip.internal-proxies"));
        assertThat(trustedProxies.matcher("127.0.0.1").matches()).isTrue();
        assertThat(trustedProxies.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
        assertThat(trustedProxies.matcher("127.0.0.10").matches()).isFalse();
        assertThat(trustedProxies.matcher("127a0b0c1").matches()).isFalse();
        assertThat(trustedProxies.matcher("10.0.0.1").matches()).isFalse();
    }

    @Test
    void eachVariableOverridesItsDefault() throws IOException {
        StandardEnvironment environment = environment(Map.of("JWT_AUDIENCE", "api://cosell", "COSELL_LOCAL_MODE", "true",
                "API_DOCS_ENABLED", "false", "MAX_REQUEST_BODY_SIZE", "1MB", "MAX_CONCURRENT_REQUESTS", "8",
                "TRUSTED_PROXIES", "10\\.1\\.2\\.\\d+", "MONGODB_SERVER_SELECTION_TIMEOUT", "2s",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));

        assertThat(environment.getProperty("cosell.security.audience")).isEqualTo("api://cosell");
        assertThat(environment.getProperty("cosell.local-mode", Boolean.class)).isTrue();
        assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty("cosell.http.max-body-size")).isEqualTo("1MB");
        assertThat(environment.getProperty("cosell.http.max-concurrent-requests", Integer.class)).isEqualTo(8);
        assertThat(environment.getProperty("server.tomcat.remoteip.internal-proxies")).isEqualTo("10\\.1\\.2\\.\\d+");
        assertThat(environment.getProperty("cosell.mongodb.server-selection-timeout")).isEqualTo("2s");
        assertThat(environment.getProperty("cosell.tracing.otlp-endpoint")).isEqualTo("http://collector:4318");
    }

    @Test
    void theDatabaseClientGivesUpOnAnUnreachableServerBeforeTheGatewayDoesUnlessTheUriSaysOtherwise() {
        MongoClientSettingsBuilderCustomizer timeout = new CosellServiceConfiguration()
                .serverSelectionTimeout(Duration.ofSeconds(5));

        assertThat(serverSelectionTimeout(timeout, "mongodb://mongo:27017/?replicaSet=rs0")).isEqualTo(5_000);
        assertThat(serverSelectionTimeout(timeout, "mongodb://mongo:27017/?serverSelectionTimeoutMS=1500")).isEqualTo(1_500);
    }

    /** As Boot builds the client: this customizer first, then the URI applied by Boot's standard one. */
    private static long serverSelectionTimeout(MongoClientSettingsBuilderCustomizer customizer, String uri) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        customizer.customize(settings);
        settings.applyConnectionString(new ConnectionString(uri));
        return settings.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS);
    }

    private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("cosell-service-defaults.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return environment;
    }
}
