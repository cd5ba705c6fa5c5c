package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredPortTest {

    @Test
    void theStackNeedsTheInfrastructurePortsAndBothPortsOfEachService() {
        assertThat(RequiredPort.forStack(List.of(CosellService.GATEWAY), true))
                .extracting(RequiredPort::port)
                .containsExactly(KafkaBroker.PORT, KafkaBroker.CONTROLLER_PORT, EmbeddedMongo.PORT, SmtpSink.PORT, 8080, 9080);
        assertThat(RequiredPort.forStack(List.of(), false))
                .extracting(RequiredPort::port)
                .doesNotContain(SmtpSink.PORT);
    }

    @Test
    void namesAPortSomethingElseListensOn() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            RequiredPort required = new RequiredPort(taken.getLocalPort(), "the gateway");

            assertThat(RequiredPort.taken(List.of(required))).containsExactly(required);
            assertThat(required.describe()).isEqualTo("port " + taken.getLocalPort() + " is in use; the gateway needs it");
        }
        assertThat(RequiredPort.taken(List.of(new RequiredPort(0, "anything")))).isEmpty();
    }
}
