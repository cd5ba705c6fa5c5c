package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cosell.stack.CosellService;
import org.cosell.stack.EmbeddedMongo;
import org.cosell.stack.KafkaBroker;
import org.cosell.stack.RequiredPort;
import org.cosell.stack.SmtpSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's tour on the real system: the packaged launcher with the real service jars, a
 * referral offered on the inbound topic, seen through the gateway by its partner only, accepted;
 * then the partner portal in Chromium on the same running system; and everything stopped again.
 * One launcher serves all three steps, in this order, since starting the stack is most of the cost.
 * Needs the service jars, which the reactor packages before this module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemTourIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanUp = new ArrayList<>();
    private Path workingDirectory;
    private LauncherProcess launcher;

    @BeforeAll
    void startTheSystem() throws Exception {
        workingDirectory = Files.createTempDirectory("cosell-tour-");
        launcher = LauncherProcess.start(REPOSITORY.resolve("local/target/cosell-local.jar"), workingDirectory, Map.of(),
                "--in-memory");
        cleanUp.add(launcher);
        launcher.awaitOutput("Cosell is ready: http://localhost:8080", READY_TIMEOUT);
    }

    @AfterAll
    void stopWhatIsLeft() throws Exception {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).close();
        }
    }

    @Test
    @Order(1)
    void aReferralTravelsFromTheInboundTopicThroughBothServicesToItsPartnerBehindTheGateway() throws Exception {
        String owner = token("4412345");
        String stranger = token("9999999");
        await("the first call through the gateway, which warms it up").atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/opportunities?tab=inbound", owner).statusCode() == 200);
        LauncherProcess sender = LauncherProcess.start(REPOSITORY.resolve("local/target/cosell-local.jar"),
                workingDirectory, Map.of(), "send-referral", "--partner", "4412345");
        cleanUp.add(sender);
        assertThat(sender.awaitExit(Duration.ofSeconds(60))).as(sender.outputText()).isZero();
        long sentAt = System.nanoTime();
        String referralId = sender.outputText().replaceAll("(?s).*Offered referral (\\S+) .*", "$1");

        String inbound = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/opportunities?tab=inbound", owner).body(), body -> body.contains(referralId));
        Duration visibleAfter = Duration.ofNanos(System.nanoTime() - sentAt);
        assertThat(visibleAfter).as("offered → visible through the gateway").isLessThanOrEqualTo(VISIBLE_WITHIN);
        assertThat(get("/api/opportunities?tab=inbound", stranger).body()).doesNotContain(referralId);
        assertThat(get("/api/opportunities?tab=inbound", null).statusCode()).isEqualTo(401);

        Matcher id = ID.matcher(inbound);
        assertThat(id.find()).as(inbound).isTrue();
        String opportunityId = id.group(1);
        assertThat(get("/api/opportunities/" + opportunityId, stranger).statusCode()).isEqualTo(404);
        HttpResponse<String> accepted = post("/api/referrals/" + opportunityId + "/accept", owner, """
                {"name": "Contoso AI pilot", "estimatedValue": {"amount": "30000.00", "currency": "USD"},
                 "estimatedCloseDate": "%s",
                 "employees": [{"name": "Ada", "phone": "+1 425 555 0100", "email": "ada@fabrikam.example"}]}
                """.formatted(LocalDate.now().plusMonths(6)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(50)).until(
                () -> get("/api/opportunities/" + opportunityId, owner).body(), body -> body.contains("\"ACCEPTED\""));
    }

    @Test
    @Order(2)
    void aReferralsAdminWorksTheirReferralsInThePartnerPortalInChromium() throws Exception {
        PortalTour.run(Files.createTempDirectory(workingDirectory, "chromium-profile-"));
    }

    @Test
    @Order(3)
    void sigtermStopsEveryProcessAndFreesEveryPort() throws Exception {
        launcher.terminate();
        assertThat(launcher.awaitExit(Duration.ofSeconds(60))).as("exit status after SIGTERM").isIn(0, 143);
        List<Integer> ports = new ArrayList<>(List.of(KafkaBroker.PORT, KafkaBroker.CONTROLLER_PORT, EmbeddedMongo.PORT,
                SmtpSink.PORT));
        CosellService.ALL.forEach(service -> {
            ports.add(service.port());
            ports.add(service.managementPort());
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ports).allMatch(RequiredPort::isFree));
        assertThat(workingDirectory.resolve("data")).doesNotExist();
    }

    private String token(String partnerId) throws Exception {
        HttpResponse<String> response = post("/dev/token", null, """
                {"sub": "tour-%s", "partnerId": "%s", "roles": ["REFERRALS_ADMIN"], "email": "tour@example.com", "name": "Tour"}
                """.formatted(partnerId, partnerId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
