package org.cosell.notification;

import com.sun.management.OperatingSystemMXBean;
import org.cosell.notification.Events.Referral;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * Not a test but a figure: how fast the listener works off a backlog of {@code received} events
 * (for a partner without recipients, so every mail is SKIPPED and the SMTP sender stays out of it),
 * printed; and how fast the mails of such a backlog reach the SMTP server when the partner has a
 * recipient (a fifth as many). Its name keeps it out of the test runs; run it when asked for, on the shared in-process
 * Kafka and MongoDB: {@code ./mvnw -q -pl notification-service -am verify -Dcosell.throughput=5000
 * -Dit.test=ReceivedThroughputBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (5,000 events unless told). A first round of a fifth as
 * many warms the JVM up.
 */
@CosellServiceTest
class ReceivedThroughputBenchmark extends AbstractNotificationIT {

    private static final Duration BACKLOG_TIMEOUT = Duration.ofMinutes(10);

    @Test
    void worksOffABacklogOfReceivedReferrals() {
        int count = Integer.getInteger("cosell.throughput", 5_000);
        workOff(Math.max(count / 5, 1));
        Figure figure = workOff(count);
        System.out.printf(Locale.ROOT, "%nTHROUGHPUT notification-service: %,d received events worked off at %,.0f /s,"
                + " %.2f ms of CPU each (the whole test JVM: listener, Kafka broker, MongoDB server)%n%n",
                count, figure.perSecond(), figure.cpuMillisEach());
    }

    @Test
    void deliversABacklogOfMail() {
        int count = Integer.getInteger("cosell.throughput", 5_000) / 5;
        deliver(Math.max(count / 5, 1));
        Figure figure = deliver(count);
        System.out.printf(Locale.ROOT, "%nTHROUGHPUT notification-service: %,d mails delivered to the SMTP server at"
                + " %,.0f /s, %.2f ms of CPU each (the whole test JVM: listener, sender, Kafka broker, MongoDB"
                + " server, SMTP server)%n%n", count, figure.perSecond(), figure.cpuMillisEach());
    }

    /** Publishes {@code count} received events for a partner with one recipient, and times their mails' delivery. */
    private Figure deliver(int count) {
        String partnerId = uniquePartnerId();
        String recipient = "bench-" + partnerId + "@fabrikam.example";
        referralRecipients(partnerId, recipient);
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = process.getProcessCpuTime();
        long started = System.nanoTime();
        inOneBatch(() -> {
            for (int i = 0; i < count; i++) {
                publish(Events.received(Referral.of(partnerId)));
            }
        });
        await("%d mails delivered".formatted(count)).atMost(BACKLOG_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> SmtpServer.messagesTo(recipient).size() == count);
        long elapsed = System.nanoTime() - started;
        long cpu = process.getProcessCpuTime() - cpuStarted;
        return new Figure(count / (elapsed / 1e9), cpu / 1e6 / count);
    }

    /** Events/s of the wall clock, and CPU time of this JVM per event, while a backlog was worked off. */
    private record Figure(double perSecond, double cpuMillisEach) {
    }

    /** Publishes {@code count} received events while the listener is stopped, and times working them off. */
    private Figure workOff(int count) {
        String partnerId = uniquePartnerId();
        inOneBatch(() -> {
            for (int i = 0; i < count; i++) {
                publish(Events.received(Referral.of(partnerId)));
            }
        });
        MessageListenerContainer listener = listeners.getListenerContainer(EVENTS_LISTENER);
        await("partitions assigned").atMost(TIMEOUT).until(() -> !listener.getAssignedPartitions().isEmpty());
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = process.getProcessCpuTime();
        long started = System.nanoTime();
        await("%d mails recorded".formatted(count)).atMost(BACKLOG_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> recorded(partnerId) == count);
        long elapsed = System.nanoTime() - started;
        long cpu = process.getProcessCpuTime() - cpuStarted;
        return new Figure(count / (elapsed / 1e9), cpu / 1e6 / count);
    }

    private long recorded(String partnerId) {
        HttpResponse<String> response = get("/api/notifications?size=1", TestUser.referralsAdmin(partnerId));
        return JSON.readTree(response.body()).get("total").asLong();
    }
}
