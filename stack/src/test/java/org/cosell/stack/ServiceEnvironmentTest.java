package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceEnvironmentTest {

    private static final String LOOPBACK = ServiceEnvironment.DEFAULT_BIND_ADDRESS;
    private static final CosellService DEAL_SERVICE = new CosellService("deal-service", 8081, 9081);

    @Test
    void passesTheLauncherEnvironmentOnWithTheLocalInfrastructure() {
        Map<String, String> environment = ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK,
                Map.of("PATH", "/usr/bin", "REFERRAL_RESPONSE_WINDOW", "PT2M"));

        assertThat(environment)
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("REFERRAL_RESPONSE_WINDOW", "PT2M")
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("MANAGEMENT_PORT", "9081")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("COSELL_LOCAL_MODE", "true")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("MONGODB_URI", "mongodb://localhost:27017")
                .containsEntry("SMTP_HOST", "localhost")
                .containsEntry("SMTP_PORT", "2525")
                .containsEntry("DEV_AUTH_ENABLED", "true")
                .containsEntry("JWT_JWK_SET_URI", "http://localhost:8080/dev/jwks.json")
                .containsEntry("JWT_ISSUER_URI", "cosell-local");
    }

    /** Boot writes plain text when no structured format is named; ECS JSON stays the services' own default. */
    @Test
    void servicesLogOnePlainLinePerEventUnlessTheUserChoseAFormat() {
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of()))
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "")
                .containsEntry("LOGGING_PATTERN_CONSOLE", ServiceEnvironment.PLAIN_LOG_LINE);
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                "LOGGING_PATTERN_CONSOLE", "%msg%n")))
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("LOGGING_PATTERN_CONSOLE", "%msg%n");
    }

    @Test
    void pointsThePortalAtTheGatewayAndSignsInWithItsDevTokensOnlyWhileTheGatewayIssuesThem() {
        assertThat(ServiceEnvironment.of(CosellService.PORTAL, LOOPBACK, Map.of()))
                .containsEntry("SERVER_PORT", "8085")
                .containsEntry("MANAGEMENT_PORT", "9085")
                .containsEntry("COSELL_API_URL", "http://localhost:8080")
                .containsEntry("COSELL_LOCAL_MODE", "true")
                .containsEntry("DEV_SIGN_IN_ENABLED", "true");
        assertThat(ServiceEnvironment.of(CosellService.PORTAL, LOOPBACK, Map.of("DEV_AUTH_ENABLED", "false")))
                .containsEntry("DEV_SIGN_IN_ENABLED", "false");
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of()))
                .doesNotContainKeys("COSELL_API_URL", "DEV_SIGN_IN_ENABLED");
    }

    @Test
    void portsAndBindAddressAreAlwaysTheLaunchersChoice() {
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of("SERVER_PORT", "9999", "MANAGEMENT_PORT", "9998",
                "MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")))
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("MANAGEMENT_PORT", "9081")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    }

    @Test
    void bindsToLoopbackUnlessTheOptionOrServerAddressSaysOtherwise() {
        assertThat(ServiceEnvironment.bindAddress(null, Map.of())).isEqualTo("127.0.0.1");
        assertThat(ServiceEnvironment.bindAddress(" ", Map.of())).isEqualTo("127.0.0.1");
        assertThat(ServiceEnvironment.bindAddress(null, Map.of("SERVER_ADDRESS", "0.0.0.0"))).isEqualTo("0.0.0.0");
        assertThat(ServiceEnvironment.bindAddress("::", Map.of("SERVER_ADDRESS", "0.0.0.0"))).isEqualTo("::");
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, "0.0.0.0", Map.of()))
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
    }

    @Test
    void asksAServiceListeningEverywhereOnLoopback() {
        assertThat(ServiceEnvironment.probeHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ServiceEnvironment.probeHost("::")).isEqualTo("127.0.0.1");
        assertThat(ServiceEnvironment.probeHost("192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(ServiceEnvironment.probeHost("::1")).isEqualTo("[::1]");
    }

    @Test
    void keepsWhatTheUserSet() {
        Map<String, String> environment = ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of(
                "SMTP_HOST", "mail.example.com", "SMTP_PORT", "587",
                "DEV_AUTH_ENABLED", "false", "JWT_JWK_SET_URI", "https://login.example.com/keys"));

        assertThat(environment)
                .containsEntry("SMTP_HOST", "mail.example.com")
                .containsEntry("SMTP_PORT", "587")
                .containsEntry("DEV_AUTH_ENABLED", "false")
                .containsEntry("JWT_JWK_SET_URI", "https://login.example.com/keys");
        assertThat(ServiceEnvironment.runsSmtpSink(Map.of("SMTP_HOST", "mail.example.com"))).isFalse();
        assertThat(ServiceEnvironment.devAuthEnabled(Map.of("DEV_AUTH_ENABLED", "false"))).isFalse();
    }

    @Test
    void anIssuerOfTheUsersOwnBringsItsKeys() {
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of("JWT_ISSUER_URI", "https://login.example.com")))
                .containsEntry("JWT_ISSUER_URI", "https://login.example.com")
                .doesNotContainKey("JWT_JWK_SET_URI");
    }

    @Test
    void aKeySetOfTheUsersOwnGetsNoDevIssuer() {
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of("JWT_JWK_SET_URI", "https://login.example.com/keys")))
                .containsEntry("JWT_JWK_SET_URI", "https://login.example.com/keys")
                .doesNotContainKey("JWT_ISSUER_URI");
    }

    @Test
    void aBlankVariableCountsAsNotSet() {
        assertThat(ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK, Map.of("SMTP_HOST", " ")))
                .containsEntry("SMTP_HOST", "localhost")
                .containsEntry("SMTP_PORT", "2525");
        assertThat(ServiceEnvironment.runsSmtpSink(Map.of("SMTP_HOST", ""))).isTrue();
    }

    static java.util.List<CosellService> services() {
        return CosellService.ALL;
    }

    @ParameterizedTest
    @MethodSource("services")
    void givesEveryServiceItsOwnPortsAndTheSharedInfrastructure(CosellService service) {
        assertThat(ServiceEnvironment.of(service, LOOPBACK, Map.of()))
                .containsEntry("SERVER_PORT", String.valueOf(service.port()))
                .containsEntry("MANAGEMENT_PORT", String.valueOf(service.managementPort()))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP_SERVERS)
                .containsEntry("MONGODB_URI", EmbeddedMongo.URI)
                .containsEntry("JWT_JWK_SET_URI", DevIssuer.KEY_SET_URI)
                .containsEntry("JWT_ISSUER_URI", DevIssuer.ISSUER);
    }

    @Test
    void noTwoServicesShareAPort() {
        Set<Integer> ports = new HashSet<>();
        CosellService.ALL.forEach(service -> {
            assertThat(ports.add(service.port())).as(service.name() + " API port").isTrue();
            assertThat(ports.add(service.managementPort())).as(service.name() + " management port").isTrue();
        });
        assertThat(ports).doesNotContain(KafkaBroker.PORT, KafkaBroker.CONTROLLER_PORT, EmbeddedMongo.PORT, SmtpSink.PORT);
    }

    @Test
    void aRunOfItsOwnDropsEverySettingTheCallerHadButKeepsTheRest() {
        Map<String, String> given = Map.of("PATH", "/usr/bin", "SMTP_HOST", "mail.example.com",
                "REFERRAL_RESPONSE_WINDOW", "PT2M", "JAVA_TOOL_OPTIONS", "-Xmx8g", "JWT_ISSUER_URI", "https://login.example.com");

        Map<String, String> environment = ServiceEnvironment.of(DEAL_SERVICE, LOOPBACK,
                ServiceEnvironment.withoutStackVariables(given));

        assertThat(environment)
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("SMTP_HOST", "localhost")
                .containsEntry("JWT_ISSUER_URI", DevIssuer.ISSUER)
                .doesNotContainKeys("REFERRAL_RESPONSE_WINDOW", "JAVA_TOOL_OPTIONS");
    }
}
